namespace Bmcnn.Mapping.Analog;

/// <summary>
/// Accumulates the array energy of every read during an evaluation: per layer and power component
/// (<see cref="LayerPowerForms"/> components), summed over images, joules = watts × read pulse width.
/// Thread-safe. With <see cref="RecordImages"/> it also keeps each image's delivered energy per layer, in the order
/// images arrive (single-threaded tracing gives image order).
/// </summary>
public sealed class EnergyMeter
{
    private readonly double[] _joules;
    private readonly long[] _images;
    private readonly List<double>[] _perImage;
    private readonly LayerPowerForms?[] _attached;
    private readonly Lock _lock = new();

    /// <summary>A meter for a network of <paramref name="layers"/> weighted layers.</summary>
    public EnergyMeter(int layers, double pulseSeconds, bool recordImages = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(layers);
        _joules = new double[layers * LayerPowerForms.Components];
        _images = new long[layers];
        _perImage = Enumerable.Range(0, layers).Select(_ => new List<double>()).ToArray();
        _attached = new LayerPowerForms?[layers];
        PulseSeconds = pulseSeconds;
        RecordImages = recordImages;
    }

    /// <summary>Read pulse width in seconds.</summary>
    public double PulseSeconds { get; }

    /// <summary>Whether per-image energies are kept.</summary>
    public bool RecordImages { get; }

    /// <summary>Number of weighted layers.</summary>
    public int Layers => _images.Length;

    /// <summary>
    /// Adds the power of <paramref name="count"/> vectors (<paramref name="positions"/> per image) read at layer
    /// <paramref name="layer"/>: power[v · Components + c] watts.
    /// </summary>
    public void Add(int layer, ReadOnlySpan<double> power, int count, int positions)
    {
        var images = count / positions;
        Span<double> sums = stackalloc double[LayerPowerForms.Components];
        var perImage = RecordImages ? new double[images] : null;
        for (var v = 0; v < count; v++)
        {
            for (var c = 0; c < sums.Length; c++) sums[c] += power[v * sums.Length + c];
            if (perImage is not null) perImage[v / positions] += power[v * sums.Length + LayerPowerForms.Delivered] * PulseSeconds;
        }
        lock (_lock)
        {
            for (var c = 0; c < sums.Length; c++) _joules[layer * sums.Length + c] += sums[c] * PulseSeconds;
            _images[layer] += images;
            if (perImage is not null) _perImage[layer].AddRange(perImage);
        }
    }

    /// <summary>Lets <paramref name="layer"/>'s forms keep its totals (<see cref="LayerPowerForms.Accumulate"/>).</summary>
    public void Attach(int layer, LayerPowerForms forms)
    {
        if (_attached[layer] is not null) return;
        lock (_lock)
        {
            _attached[layer] ??= forms;
        }
    }

    /// <summary>Counts images whose energy went into attached forms.</summary>
    public void CountImages(int layer, int images)
    {
        lock (_lock)
        {
            _images[layer] += images;
        }
    }

    /// <summary>Total energy of component <paramref name="component"/> at <paramref name="layer"/> over every image, joules.</summary>
    public double Joules(int layer, int component) =>
        _joules[layer * LayerPowerForms.Components + component] + (_attached[layer]?.Joules(component, PulseSeconds) ?? 0);

    /// <summary>Images metered at <paramref name="layer"/>.</summary>
    public long Images(int layer) => _images[layer];

    /// <summary>Per image (in arrival order), the energy delivered to <paramref name="layer"/>'s arrays, joules.</summary>
    public IReadOnlyList<double> ImageJoules(int layer) => _perImage[layer];
}

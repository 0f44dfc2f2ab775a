using System.Globalization;
using Bmcnn.Circuit;
using Bmcnn.Devices;
using Bmcnn.Network.Training;

namespace Bmcnn.Mapping.Mitigations;

/// <summary>
/// Device-aware training's weight model: for every batch each ±1 weight gets a fresh device pair drawn from the spec
/// (its variation law, σ, stuck faults, redundancy K) and trains with the effective weight the chip computes with,
/// (G⁺ − G⁻)/(K·(G_on − G_off)) for a differential pair (w = +1: G⁺ programmed ON, G⁻ OFF; w = −1 the reverse). In
/// the reference scheme a weight is one cell against the nominal half-sum, 2·(G − K·(G_on + G_off)/2)/(K·(G_on − G_off))
/// (the shared reference column is taken as nominal). Draws come from streams keyed (seed, layer, step, column block),
/// so training is deterministic whatever the thread count.
/// </summary>
public sealed class DeviceAwareWeights : IWeightPerturbation
{
    private const int ColumnsPerStream = 8;
    private const long StreamKey = 0x7E57_DE71CE;
    private readonly DeviceSampler _sampler;
    private readonly ulong _seed;
    private readonly int _threads;
    private readonly double _unit, _half;
    private readonly bool _reference;

    /// <summary>Creates the weight model for <paramref name="spec"/> with draws keyed by <paramref name="seed"/>.</summary>
    public DeviceAwareWeights(DeviceSpec spec, ulong seed, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _sampler = new DeviceSampler(spec.Validate());
        _seed = seed;
        _threads = threads > 0 ? threads : Environment.ProcessorCount;
        _reference = spec.Scheme == WeightScheme.Reference;
        _unit = spec.Redundancy * (spec.GOn - spec.GOff);
        _half = spec.Redundancy * (spec.GOn + spec.GOff) / 2;
        Description = string.Create(CultureInfo.InvariantCulture,
            $"{spec.Name}:{spec.Distribution}:on={spec.ROn:R}/{spec.SigmaOn:R}:off={spec.ROff:R}/{spec.SigmaOff:R}:" +
            $"stuck={spec.StuckOn:R}/{spec.StuckOff:R}:k={spec.Redundancy}:{spec.Scheme}:seed={seed}");
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public void Perturb(int layer, int rows, int columns, float[] weights, long step)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length < rows * columns) throw new ArgumentException("weights shorter than rows × columns", nameof(weights));
        var blocks = (columns + ColumnsPerStream - 1) / ColumnsPerStream;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = _threads }, b =>
        {
            var random = RandomStream.For(_seed ^ StreamKey, layer, step, b);
            var end = Math.Min(columns, (b + 1) * ColumnsPerStream) * rows;
            for (var i = b * ColumnsPerStream * rows; i < end; i++)
            {
                weights[i] = Effective(weights[i] >= 0, ref random);
            }
        });
    }

    /// <summary>One draw of the effective weight of a +1 (<paramref name="positive"/>) or −1 weight.</summary>
    public float Effective(bool positive, ref RandomStream random)
    {
        var k = _sampler.Spec.Redundancy;
        double g = 0;
        for (var d = 0; d < k; d++) g += 1 / _sampler.Resistance(positive, ref random); // +1 programs this cell ON
        if (_reference) return (float)(2 * (g - _half) / _unit);
        double other = 0;
        for (var d = 0; d < k; d++) other += 1 / _sampler.Resistance(!positive, ref random);
        return (float)((g - other) / _unit); // g is G⁺ (ON for +1, OFF for −1), other is G⁻
    }
}

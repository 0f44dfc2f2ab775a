using System.Globalization;
using Bmcnn.Circuit;
using Bmcnn.Devices;
using Bmcnn.Mapping.Analog;
using Bmcnn.Mapping.Compile;
using Bmcnn.Network.Training;

namespace Bmcnn.Mapping.Mitigations;

/// <summary>
/// Wire-aware training's weight model: each ±1 weight trains with the effective weight the wired chip computes with,
/// w·a, where a is the IR-drop gain of its position. The gain comes from the exact transfer matrix of every tile of
/// the spec (wires, drivers, termination, tile size; nominal devices, so no device variation), programmed with the
/// layer's current sign pattern: a = w·T_eff/(K·(G_on − G_off)), T_eff the neuron's combined columns. Transfer matrices
/// cost seconds per layer, so the gains are recomputed every <c>refresh</c> training steps and held in between
/// (a weight whose sign flips meanwhile keeps its position's last gain). Nominal devices only: the sinh law is refused.
/// </summary>
public sealed class WiredWeights : IWeightPerturbation
{
    private readonly DeviceSpec _spec;
    private readonly int _refresh;
    private readonly int _threads;
    private readonly Dictionary<int, (long Step, float[] Gain)> _gains = [];

    /// <summary>Creates the weight model for the wires of <paramref name="spec"/>, refreshing gains every <paramref name="refresh"/> steps.</summary>
    /// <exception cref="BmcnnException">When the spec has nonlinear devices or the refresh interval is not positive.</exception>
    public WiredWeights(DeviceSpec spec, int refresh, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (refresh < 1) throw new BmcnnException($"--wire-refresh: must be at least 1 training step, got {refresh}");
        if (spec.Nonlinearity != Nonlinearity.Ohmic)
        {
            throw new BmcnnException("wire-aware training: field 'nonlinearity' must be ohmic (the gains come from transfer matrices)");
        }
        _spec = (spec with
        {
            SigmaOn = 0,
            SigmaOff = 0,
            StuckOn = 0,
            StuckOff = 0,
            ReadNoiseSigma = 0,
            OffsetSigma = 0,
            EmpiricalFile = null,
        }).Validate();
        _refresh = refresh;
        _threads = threads > 0 ? threads : Environment.ProcessorCount;
        Description = string.Create(CultureInfo.InvariantCulture,
            $"wires:{spec.Name}:row={spec.RWireRow:R}:column={spec.RWireColumn:R}:driver={spec.RDriver:R}:{spec.Termination}:" +
            $"sense={spec.RSense:R}:on={spec.ROn:R}:off={spec.ROff:R}:k={spec.Redundancy}:{spec.Scheme}:" +
            $"tile={spec.TileRows}x{spec.TileColumns}:refresh={refresh}");
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public void Perturb(int layer, int rows, int columns, float[] weights, long step)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length < rows * columns) throw new ArgumentException("weights shorter than rows × columns", nameof(weights));
        if (!_gains.TryGetValue(layer, out var held) || held.Gain.Length != rows * columns || step - held.Step >= _refresh || step < held.Step)
        {
            held = (step, Gains(layer, rows, columns, weights));
            _gains[layer] = held;
        }
        var gain = held.Gain;
        for (var i = 0; i < rows * columns; i++)
        {
            weights[i] *= gain[i];
        }
    }

    /// <summary>
    /// The position gains (column-major like the weights) of a layer whose ±1 weights are <paramref name="weights"/>:
    /// the effective weight of the wired tiles divided by the weight.
    /// </summary>
    public float[] Gains(int layer, int rows, int columns, ReadOnlySpan<float> weights)
    {
        var plan = new TilePlan($"layer {layer}", rows, columns, _spec);
        var signs = new sbyte[rows * columns];
        for (var i = 0; i < signs.Length; i++) signs[i] = weights[i] >= 0 ? (sbyte)1 : (sbyte)-1;
        var tiles = LayerProgramming.Program(plan, layer, signs, new bool[columns], new DeviceSampler(_spec), 0);
        var transfers = new double[tiles.Length][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = _threads };
        Parallel.For(0, tiles.Length, options, t => transfers[t] = TileCircuit.TransferMatrix(tiles[t], _spec));
        var response = new double[rows * columns]; // rows × neurons, row-major
        for (var t = 0; t < tiles.Length; t++) tiles[t].AddNeuronResponse(transfers[t], response, columns);
        var scheme = _spec.Scheme == WeightScheme.Differential ? 1.0 : 0.5;
        var unit = _spec.Redundancy * (_spec.GOn - _spec.GOff) * scheme;
        var gain = new float[rows * columns];
        for (var n = 0; n < columns; n++)
        {
            for (var r = 0; r < rows; r++)
            {
                gain[n * rows + r] = (float)(signs[n * rows + r] * response[r * columns + n] / unit);
            }
        }
        return gain;
    }
}

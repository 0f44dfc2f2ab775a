using System.Buffers;
using Bmcnn.Circuit;
using Bmcnn.Devices;
using Bmcnn.Mapping.Compile;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;
using Bmcnn.Network.Numerics;

namespace Bmcnn.Mapping.Analog;

/// <summary>
/// The weighted-sum kernel of one mapped layer for a linear crossbar: neuron currents are I = Σ_i V_i·W[i, n] with a
/// response matrix W (the programmed conductances for ideal wires, the tiles' transfer matrices with wires), computed
/// as one float32 GEMM per batch, then passed through the layer's <see cref="NeuronPeriphery"/> (comparators or ADC).
/// Read noise (cycle to cycle, relative σ per device and read) adds to each current a Gaussian of variance
/// σ²·Σ V_i²·Σ_devices G², drawn from a stream keyed by the batch content, so results do not depend on threads.
/// </summary>
public sealed class CrossbarKernel : IWeightedSum
{
    private readonly float[] _weights;      // neurons × rows: W[i, n]·v_read/I_unit (weighted-sum units per input unit)
    private readonly float[]? _noise;       // neurons × rows: Q[i, n]·(v_read/I_unit)², or null
    private readonly NeuronPeriphery _periphery;
    private readonly double _readNoise;
    private readonly Func<float, float>? _inputLaw;
    private readonly ulong _seed;
    private readonly int _index;

    /// <summary>Creates the kernel of <paramref name="layer"/> with its neuron response matrix (rows × neurons, A/V).</summary>
    public CrossbarKernel(MappedLayer layer, ReadOnlySpan<double> response, DeviceSpec spec, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(spec);
        Mapped = layer;
        Layer = layer.Block.Weighted;
        int rows = Layer.Rows, neurons = Layer.Columns;
        if (response.Length != rows * neurons) throw new ArgumentException("response matrix does not match the layer", nameof(response));
        var scale = spec.VRead / layer.UnitCurrent;
        _weights = Transpose(response, rows, neurons, scale);
        _readNoise = spec.ReadNoiseSigma;
        var squares = _readNoise > 0 ? layer.ReadNoiseSquares() : null;
        _noise = squares is null ? null : Transpose(squares, rows, neurons, scale * scale);
        _periphery = new NeuronPeriphery(layer);
        if (layer.Index == 0 && spec.Nonlinearity == Nonlinearity.Sinh)
        {
            // Each device sees its row voltage p·v_read (columns at virtual ground): I = k·sinh(p·v/V0), calibrated so
            // that p = 1 reads as the programmed conductance. ±1 inputs are unaffected.
            var v = spec.VRead / spec.V0;
            var norm = Math.Sinh(v);
            _inputLaw = p => (float)(Math.Sinh(p * v) / norm);
        }
        _seed = seed;
        _index = layer.Index;
    }

    /// <inheritdoc />
    public WeightedLayer Layer { get; }

    /// <summary>The compiled layer.</summary>
    public MappedLayer Mapped { get; }

    /// <inheritdoc />
    public void Compute(float[] inputs, int count, float[] outputs)
    {
        int rows = Layer.Rows, neurons = Layer.Columns;
        var x = inputs;
        float[]? rented = null;
        if (_inputLaw is not null)
        {
            rented = ArrayPool<float>.Shared.Rent(count * rows);
            for (var i = 0; i < count * rows; i++) rented[i] = _inputLaw(inputs[i]);
            x = rented;
        }
        Sgemm.Multiply(false, true, count, neurons, rows, x, 0, rows, _weights, 0, rows, outputs, 0, neurons, false, 1);
        if (_noise is not null)
        {
            AddReadNoise(x, count, outputs);
        }
        if (rented is not null) ArrayPool<float>.Shared.Return(rented);

        _periphery.Apply(outputs, count);
    }

    private void AddReadNoise(float[] x, int count, float[] outputs)
    {
        int rows = Layer.Rows, neurons = Layer.Columns;
        var squares = ArrayPool<float>.Shared.Rent(count * rows);
        var variance = ArrayPool<float>.Shared.Rent(count * neurons);
        ulong hash = 0xCBF29CE484222325UL;
        for (var i = 0; i < count * rows; i++)
        {
            squares[i] = x[i] * x[i];
            hash = (hash ^ BitConverter.SingleToUInt32Bits(x[i])) * 0x100000001B3UL;
        }
        Sgemm.Multiply(false, true, count, neurons, rows, squares, 0, rows, _noise!, 0, rows, variance, 0, neurons, false, 1);
        var random = RandomStream.For(_seed ^ 0x5EADA015E5EEDUL, _index, (long)hash);
        for (var i = 0; i < count * neurons; i++)
        {
            outputs[i] += (float)(_readNoise * Math.Sqrt(Math.Max(variance[i], 0f)) * random.NextGaussian());
        }
        ArrayPool<float>.Shared.Return(squares);
        ArrayPool<float>.Shared.Return(variance);
    }

    private static float[] Transpose(ReadOnlySpan<double> m, int rows, int neurons, double scale)
    {
        var t = new float[rows * neurons];
        for (var i = 0; i < rows; i++)
        {
            for (var n = 0; n < neurons; n++)
            {
                t[n * rows + i] = (float)(m[i * neurons + n] * scale);
            }
        }
        return t;
    }
}

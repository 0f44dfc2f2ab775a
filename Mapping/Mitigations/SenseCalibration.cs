using System.Collections.Concurrent;
using Bmcnn.Devices;
using Bmcnn.Mapping.Compile;
using Bmcnn.Network.Data;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;

namespace Bmcnn.Mapping.Mitigations;

/// <summary>
/// The <c>calibrate[:N]</c> mitigation: after programming, N training images are run through the programmed crossbar,
/// as a chip would be calibrated, layer by layer from the first. For each hidden neuron the chip's comparator margin
/// (I + offset − I_ref) is recorded on every calibration input that reaches it through the already-calibrated layers
/// before, together with the ideal network's decision on that same input (computed digitally from the known binary
/// weights, as a test program would). The new reference current is the one that makes the comparator agree with the
/// ideal decision most often: a one-parameter threshold fit, exact by sorting the margins. This absorbs comparator
/// offsets and the systematic current shift that device variation causes (E[1/R] ≠ 1/E[R]); it cannot undo the
/// input-dependent part of the variation. The output layer, read by an ADC, gets a per-class digital gain and offset
/// fitted by least squares to the ideal sums. Ties keep the reference nearest its designed value, so a perfect chip is
/// left unchanged.
/// </summary>
public static class SenseCalibration
{
    /// <summary>
    /// Calibrates <paramref name="network"/> in place (its layers' <see cref="MappedLayer.Amplifiers"/>) on the first
    /// <paramref name="images"/> images of <paramref name="calibration"/>, using the network's response matrices, and
    /// returns the output-layer correction.
    /// </summary>
    public static OutputCorrection Calibrate(MappedNetwork network, IReadOnlyList<double[]> responses, string mode,
        MnistSet calibration, int images, int threads = 0) =>
        Calibrate(network, () => new CalibratedKernels(network, responses, mode), calibration, images, threads);

    /// <summary>
    /// Calibrates <paramref name="network"/> in place on the first <paramref name="images"/> images of
    /// <paramref name="calibration"/>, reading the chip through any weighted-sum factory (for example the nonlinear
    /// circuit's <see cref="Analog.CircuitKernels"/>), and returns the output-layer correction.
    /// <paramref name="chip"/> is called once per layer, after the layers before it are calibrated: its kernels must read
    /// the layers' sense amplifiers when they are created, as every crossbar kernel does.
    /// </summary>
    public static OutputCorrection Calibrate(MappedNetwork network, Func<IWeightedSumFactory> chip, MnistSet calibration, int images,
        int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(chip);
        ArgumentNullException.ThrowIfNull(calibration);
        var count = Math.Min(images, calibration.Count);
        var classes = network.Model.Classes;
        var correction = new OutputCorrection(Enumerable.Repeat(1.0, classes).ToArray(), new double[classes]);
        foreach (var layer in network.Layers)
        {
            var recorder = new RecordingFactory(chip(), layer.Index);
            new InferencePipeline(network.Model, recorder, threads).Predict(calibration.Pixels, count);
            var (chipValues, ideal) = recorder.Collect(layer.Plan.Neurons);
            if (layer.IsOutput)
            {
                correction = FitOutput(chipValues, ideal);
            }
            else
            {
                Recalibrate(layer, chipValues, ideal);
                // The calibrated references are held by the same fixed-point reference DACs.
                layer.QuantizeReferences(network.Spec.ThresholdBits);
            }
        }
        return correction;
    }

    /// <summary>
    /// The shift δ of a comparator's decision "margin − δ ≥ 0" that disagrees least often with
    /// <paramref name="idealFires"/>. Among equally good cuts, the one whose δ-interval lies nearest 0 (no change);
    /// within the interval, 0 if it contains 0, else its midpoint (one unit beyond the last margin when unbounded).
    /// </summary>
    public static double BestShift(ReadOnlySpan<float> margins, ReadOnlySpan<bool> idealFires)
    {
        var n = margins.Length;
        if (n == 0)
        {
            return 0;
        }
        var order = new int[n];
        var keys = new float[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
            keys[i] = margins[i];
        }
        Array.Sort(keys, order);
        // Cut p: inputs order[0..p) are off (δ > m), the rest fire (δ ≤ m); δ ∈ (m[p-1], m[p]].
        var errors = 0;
        for (var i = 0; i < n; i++)
        {
            errors += idealFires[i] ? 0 : 1; // cut 0: everything fires
        }
        double bestShift = 0, bestDistance = double.PositiveInfinity;
        var bestErrors = int.MaxValue;
        for (var p = 0; p <= n; p++)
        {
            if (p > 0)
            {
                errors += idealFires[order[p - 1]] ? 1 : -1;
            }
            var low = p > 0 ? keys[p - 1] : double.NegativeInfinity;
            var high = p < n ? keys[p] : double.PositiveInfinity;
            if (!(low < high))
            {
                continue; // no δ separates equal margins
            }
            double distance, shift;
            if (low < 0 && high >= 0)
            {
                distance = 0;
                shift = 0;
            }
            else if (high < 0)
            {
                distance = -high;
                shift = double.IsNegativeInfinity(low) ? high - 1 : 0.5 * (low + high);
            }
            else
            {
                distance = low;
                shift = double.IsPositiveInfinity(high) ? low + 1 : 0.5 * (low + high);
            }
            if (errors < bestErrors || (errors == bestErrors && distance < bestDistance))
            {
                bestErrors = errors;
                bestDistance = distance;
                bestShift = shift;
            }
        }
        return bestShift;
    }

    /// <summary>Least-squares line reading = gain·ideal + offset; a degenerate fit keeps gain 1 and fits the offset alone.</summary>
    public static (double Gain, double Offset) FitLine(ReadOnlySpan<float> ideal, ReadOnlySpan<float> reading)
    {
        var n = ideal.Length;
        if (n == 0)
        {
            return (1, 0);
        }
        double mx = 0, my = 0;
        for (var i = 0; i < n; i++)
        {
            mx += ideal[i];
            my += reading[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0, sxy = 0;
        for (var i = 0; i < n; i++)
        {
            sxx += (ideal[i] - mx) * (ideal[i] - mx);
            sxy += (ideal[i] - mx) * (reading[i] - my);
        }
        var gain = sxx > 0 ? sxy / sxx : 1;
        if (!(gain > 0))
        {
            gain = 1;
        }
        return (gain, my - gain * mx);
    }

    private static void Recalibrate(MappedLayer layer, float[][] chip, float[][] ideal)
    {
        for (var n = 0; n < layer.Amplifiers.Length; n++)
        {
            var threshold = layer.Thresholds[n];
            if (double.IsInfinity(threshold.Threshold) || chip[n].Length == 0)
            {
                continue;
            }
            // The pipeline value is T + margin (T − margin when inverted); the comparator fires at margin ≥ 0.
            var margins = new float[chip[n].Length];
            var fires = new bool[chip[n].Length];
            for (var i = 0; i < margins.Length; i++)
            {
                margins[i] = (float)(threshold.Inverted ? threshold.Threshold - chip[n][i] : chip[n][i] - threshold.Threshold);
                fires[i] = threshold.Fire(ideal[n][i]) > 0;
            }
            var shift = BestShift(margins, fires);
            var amplifier = layer.Amplifiers[n];
            layer.Amplifiers[n] = new SenseAmplifier(amplifier.ReferenceCurrent + shift * layer.UnitCurrent, amplifier.Offset);
        }
    }

    private static OutputCorrection FitOutput(float[][] chip, float[][] ideal)
    {
        var gain = new double[chip.Length];
        var offset = new double[chip.Length];
        for (var c = 0; c < chip.Length; c++)
        {
            (gain[c], offset[c]) = FitLine(ideal[c], chip[c]);
        }
        return new OutputCorrection(gain, offset);
    }

    private sealed class RecordingFactory(IWeightedSumFactory chip, int target) : IWeightedSumFactory
    {
        private readonly IWeightedSumFactory _chip = chip;
        private readonly SoftwareKernels _software = new();
        private readonly ConcurrentBag<(float[] Chip, float[] Ideal, int Count)> _records = [];

        public string Mode => _chip.Mode;

        public IWeightedSum Create(LayerBlock block)
        {
            if (block.Index < target)
            {
                return _chip.Create(block);
            }
            if (block.Index > target)
            {
                return _software.Create(block); // runs, but nothing downstream is recorded: the cheapest kernel
            }
            return new Recorder(_chip.Create(block), _software.Create(block), _records);
        }

        /// <summary>Per neuron, every recorded chip value and ideal value, in a deterministic order.</summary>
        public (float[][] Chip, float[][] Ideal) Collect(int neurons)
        {
            // Chunks arrive in thread order; sorting by content makes the result independent of scheduling.
            var records = _records.OrderBy(r => r.Count).ThenBy(r => r.Ideal, FloatArrayOrder.Instance)
                .ThenBy(r => r.Chip, FloatArrayOrder.Instance).ToArray();
            var total = records.Sum(r => r.Count);
            var chip = new float[neurons][];
            var ideal = new float[neurons][];
            for (var n = 0; n < neurons; n++)
            {
                chip[n] = new float[total];
                ideal[n] = new float[total];
            }
            var v = 0;
            foreach (var record in records)
            {
                for (var i = 0; i < record.Count; i++, v++)
                {
                    for (var n = 0; n < neurons; n++)
                    {
                        chip[n][v] = record.Chip[i * neurons + n];
                        ideal[n][v] = record.Ideal[i * neurons + n];
                    }
                }
            }
            return (chip, ideal);
        }
    }

    private sealed class Recorder(IWeightedSum chip, IWeightedSum ideal, ConcurrentBag<(float[] Chip, float[] Ideal, int Count)> records)
        : IWeightedSum
    {
        public WeightedLayer Layer => chip.Layer;

        public void Compute(float[] inputs, int count, float[] outputs)
        {
            var n = count * Layer.Columns;
            var idealOut = new float[n];
            ideal.Compute(inputs, count, idealOut);
            chip.Compute(inputs, count, outputs);
            records.Add((outputs[..n], idealOut, count));
        }
    }

    private sealed class FloatArrayOrder : IComparer<float[]>
    {
        public static FloatArrayOrder Instance { get; } = new();

        public int Compare(float[]? x, float[]? y) => x is null || y is null ? 0 : x.AsSpan().SequenceCompareTo(y);
    }
}

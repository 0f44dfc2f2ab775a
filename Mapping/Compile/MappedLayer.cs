using Bmcnn.Devices;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;

namespace Bmcnn.Mapping.Compile;

/// <summary>
/// One weighted layer compiled onto programmed crossbar tiles with its periphery: a sense amplifier per hidden neuron
/// (reference current from the folded batch-norm threshold, input-referred offset), or for the output layer an ADC
/// per class whose codes are turned back into batch-normalised logits digitally.
/// </summary>
public sealed class MappedLayer
{
    internal MappedLayer(LayerBlock block, TilePlan plan, ProgrammedTile[] tiles, SenseThreshold[] thresholds,
        SenseAmplifier[] amplifiers, double unitCurrent, double inputQuantum, Adc? adc)
    {
        Block = block;
        Plan = plan;
        Tiles = tiles;
        Thresholds = thresholds;
        Amplifiers = amplifiers;
        UnitCurrent = unitCurrent;
        InputQuantum = inputQuantum;
        Adc = adc;
    }

    /// <summary>The model block (weighted layer, batch-norm, sign, pool).</summary>
    public LayerBlock Block { get; }

    /// <summary>Layer name (conv1, fc2, ...).</summary>
    public string Name => Block.Weighted.Name;

    /// <summary>Position in the network (0 = first layer).</summary>
    public int Index => Block.Index;

    /// <summary>How the layer is cut into tiles.</summary>
    public TilePlan Plan { get; }

    /// <summary>The programmed tiles, indexed as in <see cref="TilePlan.Bounds"/>.</summary>
    public IReadOnlyList<ProgrammedTile> Tiles { get; }

    /// <summary>Folded batch-norm thresholds, one per neuron (hidden layers; the output layer has none). Neurons with
    /// an inverted threshold are programmed with negated weights, so their crossbar current measures −Σ w·x.</summary>
    public IReadOnlyList<SenseThreshold> Thresholds { get; }

    /// <summary>
    /// One comparator per neuron for a hidden layer (empty for the output layer). Replaceable, e.g. by a calibration
    /// that re-estimates the reference currents on the programmed crossbar.
    /// </summary>
    public SenseAmplifier[] Amplifiers { get; }

    /// <summary>
    /// Nominal neuron current per unit of weighted sum with ideal devices, in amperes: v_read·k·(G_on − G_off),
    /// halved in the reference scheme.
    /// </summary>
    public double UnitCurrent { get; }

    /// <summary>Spacing of the ideal weighted sums: 1 for ±1 inputs, one pixel level for the first layer.</summary>
    public double InputQuantum { get; }

    /// <summary>The output layer's ADC (null for hidden layers).</summary>
    public Adc? Adc { get; }

    /// <summary>True for the output layer (argmax of its logits is the prediction).</summary>
    public bool IsOutput => !Block.Sign;

    /// <summary>
    /// The neuron-level conductance matrix (rows × neurons, row-major, siemens): neuron current = Σ_i V_i·W[i, n] with
    /// ideal wires. The row-tile partial currents of a neuron are summed, as before its sense amplifier.
    /// </summary>
    public double[] NeuronConductances()
    {
        var w = new double[Plan.Rows * Plan.Neurons];
        foreach (var tile in Tiles)
        {
            tile.AddNeuronResponse(tile.Conductances, w, Plan.Neurons);
        }
        return w;
    }

    /// <summary>
    /// Per neuron and row, the variance factor of cycle-to-cycle read noise: Var(I_n) = σ_read²·Σ_i V_i²·Q[i, n], with
    /// Q the sum of squared device conductances of the neuron's cells (the reference cell's weighted by ¼). Null
    /// without read noise.
    /// </summary>
    public double[]? ReadNoiseSquares()
    {
        if (Tiles.Count == 0 || Tiles[0].SquareSums is null) return null;
        var q = new double[Plan.Rows * Plan.Neurons];
        foreach (var tile in Tiles)
        {
            var s = tile.SquareSums!;
            var m2 = tile.MinusScale * tile.MinusScale;
            for (var i = 0; i < tile.RowCount; i++)
            {
                for (var j = 0; j < tile.NeuronCount; j++)
                {
                    q[(tile.RowStart + i) * Plan.Neurons + tile.NeuronStart + j] +=
                        s[i * tile.Columns + tile.PlusColumn(j)] + m2 * s[i * tile.Columns + tile.MinusColumn(j)];
                }
            }
        }
        return q;
    }

    /// <summary>
    /// The decision boundary of neuron <paramref name="n"/> on its crossbar's weighted sum s' (s' = −Σ w·x for an
    /// inverted threshold): ideal sums are whole multiples of <see cref="InputQuantum"/>, so the boundary sits
    /// halfway between the largest sum that gives −1 and the smallest that gives +1; an analog sum within half a
    /// quantum of the ideal one then decides exactly like the software. The reference current is
    /// <see cref="UnitCurrent"/> times this.
    /// </summary>
    public double Boundary(int n) => Boundary(Thresholds[n], InputQuantum);

    /// <summary>The boundary for a folded threshold and sum quantum (see <see cref="Boundary(int)"/>).</summary>
    public static double Boundary(SenseThreshold threshold, double quantum)
    {
        if (double.IsInfinity(threshold.Threshold))
        {
            return threshold.Threshold;
        }
        // s ≥ T, or s ≤ T ⇔ −s ≥ −T when inverted; sums are m·q, so m ≥ ⌈T/q⌉ fires.
        var t = threshold.Inverted ? -threshold.Threshold : threshold.Threshold;
        return (Math.Ceiling(t / quantum) - 0.5) * quantum;
    }

    /// <summary>
    /// Rounds the reference currents of this layer's comparators to <paramref name="bits"/>-bit signed fixed point over
    /// ± the largest reference magnitude of the layer (a reference DAC); constant neurons (infinite thresholds) keep theirs.
    /// </summary>
    public void QuantizeReferences(int bits)
    {
        if (bits == 0 || Amplifiers.Length == 0) return;
        var references = new double[Amplifiers.Length];
        for (var n = 0; n < references.Length; n++)
        {
            references[n] = double.IsInfinity(Thresholds[n].Threshold) ? double.PositiveInfinity : Amplifiers[n].ReferenceCurrent;
        }
        FixedPoint.Quantize(references, bits);
        for (var n = 0; n < references.Length; n++)
        {
            if (double.IsFinite(references[n])) Amplifiers[n] = Amplifiers[n] with { ReferenceCurrent = references[n] };
        }
    }
}

using System.Collections.Concurrent;
using Bmcnn.Circuit;
using Bmcnn.Circuit.Crossbars;
using Bmcnn.Devices;
using Bmcnn.Mapping.Compile;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;

namespace Bmcnn.Mapping.Analog;

/// <summary>
/// Circuit mode for sinh devices, fast: every input vector of every tile is solved exactly (the same circuit as
/// <see cref="NewtonKernel"/>) by <see cref="SinhCrossbarSolver"/>, which uses the crossbar's row and column chains
/// instead of a sparse factorization, so a tile solve costs a few dozen passes over its devices. A neuron's current
/// is the sum of its row tiles' combined column currents. A vector that does not converge is reported with its layer
/// and tile (the pipeline adds the image).
/// </summary>
public sealed class ChainNewtonKernel : IWeightedSum
{
    private readonly MappedLayer _layer;
    private readonly DeviceSpec _spec;
    private readonly NeuronPeriphery _periphery;
    private readonly CrossbarSpec[] _tiles;
    private readonly ConcurrentBag<SinhCrossbarSolver[]> _solvers = new();
    private readonly ConcurrentBag<SinhCrossbarBlockSolver[]> _blockSolvers = new();
    private readonly int _maxSweeps, _maxRows, _maxColumns;
    private readonly bool _resistive; // every tile has resistive wires, so the block solver applies

    /// <summary>Creates the kernel; <paramref name="maxSweeps"/> bounds every tile solve.</summary>
    public ChainNewtonKernel(MappedLayer layer, DeviceSpec spec, int maxSweeps = 400)
    {
        _layer = layer ?? throw new ArgumentNullException(nameof(layer));
        _spec = spec ?? throw new ArgumentNullException(nameof(spec));
        _periphery = new NeuronPeriphery(layer);
        _tiles = layer.Tiles.Select(t => TileCircuit.Spec(t, spec)).ToArray();
        _maxSweeps = maxSweeps;
        _maxRows = _tiles.Max(t => t.Rows);
        _maxColumns = _tiles.Max(t => t.Columns);
        _resistive = _tiles.All(SinhCrossbarBlockSolver.Supports);
        Layer = layer.Block.Weighted;
    }

    /// <inheritdoc />
    public WeightedLayer Layer { get; }

    /// <summary>
    /// Whether <see cref="Compute"/> solves <see cref="SinhCrossbarBlockSolver.Lanes"/> vectors per tile at once (tiles
    /// with resistive wires); false solves one vector at a time. Both solve the same circuits.
    /// </summary>
    public bool Blocked { get; init; } = true;

    /// <inheritdoc />
    public void Compute(float[] inputs, int count, float[] outputs)
    {
        if (Blocked && _resistive)
        {
            ComputeBlocks(inputs, count, outputs);
            _periphery.Apply(outputs, count);
            return;
        }
        int rows = Layer.Rows, neurons = Layer.Columns;
        var solvers = Rent();
        var currents = new double[neurons];
        for (var v = 0; v < count; v++)
        {
            try
            {
                NeuronCurrents(solvers, inputs.AsSpan(v * rows, rows), currents);
            }
            catch (BmcnnException e)
            {
                throw new VectorFailedException(v, e.Message, e);
            }
            for (var n = 0; n < neurons; n++)
            {
                outputs[v * neurons + n] = (float)(currents[n] / _layer.UnitCurrent);
            }
        }
        _solvers.Add(solvers);
        _periphery.Apply(outputs, count);
    }

    /// <summary>
    /// Solves every tile of the layer for one input vector (input units: pixel level or ±1; volts = v_read × input)
    /// and writes each neuron's summed current in amperes, as <see cref="NewtonKernel.NeuronCurrents"/> does.
    /// </summary>
    /// <exception cref="BmcnnException">When a tile does not converge; the message names the layer and tile.</exception>
    public void NeuronCurrents(ReadOnlySpan<float> input, Span<double> currents)
    {
        var solvers = Rent();
        NeuronCurrents(solvers, input, currents);
        _solvers.Add(solvers);
    }

    private void NeuronCurrents(SinhCrossbarSolver[] solvers, ReadOnlySpan<float> input, Span<double> currents)
    {
        currents.Clear();
        Span<double> volts = stackalloc double[_maxRows];
        Span<double> column = stackalloc double[_maxColumns];
        for (var t = 0; t < _tiles.Length; t++)
        {
            var tile = _layer.Tiles[t];
            for (var i = 0; i < tile.RowCount; i++)
            {
                volts[i] = _spec.VRead * input[tile.RowStart + i];
            }
            try
            {
                solvers[t].Solve(volts[..tile.RowCount], column[..tile.Columns]);
            }
            catch (BmcnnException e)
            {
                throw new BmcnnException($"layer {_layer.Name} tile {t}: {e.Message}", e);
            }
            for (var j = 0; j < tile.NeuronCount; j++)
            {
                currents[tile.NeuronStart + j] += column[tile.PlusColumn(j)] - tile.MinusScale * column[tile.MinusColumn(j)];
            }
        }
    }

    /// <summary>
    /// Solves the batch <see cref="SinhCrossbarBlockSolver.Lanes"/> vectors at a time; an all-zero vector draws no current
    /// (every node at 0 V), so it takes no lane.
    /// </summary>
    private void ComputeBlocks(float[] inputs, int count, float[] outputs)
    {
        const int lanes = SinhCrossbarBlockSolver.Lanes;
        int rows = Layer.Rows, neurons = Layer.Columns;
        var solvers = _blockSolvers.TryTake(out var set) ? set
            : _tiles.Select(t => new SinhCrossbarBlockSolver(t) { MaxSweeps = _maxSweeps }).ToArray();
        var volts = new double[_maxRows * lanes];
        var column = new double[_maxColumns * lanes];
        var currents = new double[lanes * neurons];
        Span<int> vectors = stackalloc int[lanes];
        var next = 0;
        while (next < count)
        {
            var used = 0;
            for (; next < count && used < lanes; next++)
            {
                if (inputs.AsSpan(next * rows, rows).ContainsAnyExcept(0f)) vectors[used++] = next;
                else outputs.AsSpan(next * neurons, neurons).Clear();
            }
            if (used == 0) break;
            Array.Clear(currents);
            for (var t = 0; t < _tiles.Length; t++)
            {
                var tile = _layer.Tiles[t];
                for (var i = 0; i < tile.RowCount; i++)
                {
                    for (var l = 0; l < lanes; l++)
                    {
                        volts[i * lanes + l] = l < used ? _spec.VRead * inputs[vectors[l] * rows + tile.RowStart + i] : 0;
                    }
                }
                try
                {
                    solvers[t].Solve(volts.AsSpan(0, tile.RowCount * lanes), column.AsSpan(0, tile.Columns * lanes));
                }
                catch (BmcnnException e)
                {
                    throw new VectorFailedException(vectors[solvers[t].FailedLane], $"layer {_layer.Name} tile {t}: {e.Message}", e);
                }
                for (var l = 0; l < used; l++)
                {
                    for (var j = 0; j < tile.NeuronCount; j++)
                    {
                        currents[l * neurons + tile.NeuronStart + j] +=
                            column[tile.PlusColumn(j) * lanes + l] - tile.MinusScale * column[tile.MinusColumn(j) * lanes + l];
                    }
                }
            }
            for (var l = 0; l < used; l++)
            {
                for (var n = 0; n < neurons; n++)
                {
                    outputs[vectors[l] * neurons + n] = (float)(currents[l * neurons + n] / _layer.UnitCurrent);
                }
            }
        }
        _blockSolvers.Add(solvers);
    }

    // One solver set per concurrent caller: the pipeline runs chunks of images on several threads.
    private SinhCrossbarSolver[] Rent() =>
        _solvers.TryTake(out var set) ? set : _tiles.Select(t => new SinhCrossbarSolver(t) { MaxSweeps = _maxSweeps }).ToArray();
}

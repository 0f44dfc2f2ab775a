using Bmcnn.Circuit;
using Bmcnn.Circuit.Crossbars;
using Bmcnn.Devices;
using Bmcnn.Mapping.Analog;
using Bmcnn.Mapping.Compile;
using Bmcnn.Netlists;
using Bmcnn.Network.Inference;
using Bmcnn.Tests.Network.Model;

namespace Bmcnn.Tests.Mapping.Analog;

/// <summary>The chain solver's circuit mode for sinh devices against the engine's per-vector sparse Newton.</summary>
public class ChainNewtonKernelTests
{
    internal static DeviceSpec Sinh(double wire) => DevicePresets.Rram.Spec with
    {
        Nonlinearity = Nonlinearity.Sinh,
        SigmaOn = 0.2,
        SigmaOff = 0.2,
        StuckOff = 0.01,
        RWireRow = wire,
        RWireColumn = wire,
        TileRows = 40,
        TileColumns = 24,
    };

    [Theory]
    [InlineData(1.06)]
    [InlineData(2.5)]
    public void When_programmed_tiles_are_driven_Expect_neuron_currents_equal_newton_to_1e_6(double wire)
    {
        var model = RandomNetworks.Lenet(7, c1: 4, c2: 8, f1: 24);
        var spec = Sinh(wire);
        var network = MappedNetwork.Program(model, spec, 11);
        var random = new RandomStream(23);
        double worst = 0;
        foreach (var layer in network.Layers)
        {
            var kernel = new ChainNewtonKernel(layer, spec);
            var input = new float[layer.Plan.Rows];
            var expected = new double[layer.Plan.Neurons];
            var actual = new double[layer.Plan.Neurons];
            for (var trial = 0; trial < 2; trial++)
            {
                for (var i = 0; i < input.Length; i++)
                {
                    input[i] = layer.Index == 0 ? (float)random.NextDouble() : random.NextDouble() < 0.5 ? -1 : 1;
                }
                NewtonKernel.NeuronCurrents(layer, spec, input, expected);
                kernel.NeuronCurrents(input, actual);
                var scale = expected.Max(Math.Abs);
                for (var n = 0; n < expected.Length; n++)
                {
                    // a neuron current is a difference of two column currents: judged against the larger of the pair's scale
                    var error = Math.Abs(actual[n] - expected[n]) / Math.Max(Math.Abs(expected[n]), 1e-3 * scale);
                    worst = Math.Max(worst, error);
                    Assert.True(error < 1e-6, $"{layer.Name} neuron {n}: {actual[n]:R} vs Newton {expected[n]:R}");
                }
            }
        }
        Assert.True(worst < 1e-6);
    }

    [SkippableFact]
    public void When_images_run_in_circuit_mode_Expect_predictions_equal_newton()
    {
        var test = RandomNetworks.MnistTest;
        Skip.If(test is null, "MNIST test set not found (set BMCNN_DATA)");
        var model = RandomNetworks.Lenet(8, c1: 4, c2: 8, f1: 24);
        var spec = Sinh(1.06);
        var network = MappedNetwork.Program(model, spec, 2);
        var images = test!.Take(4);
        var chain = new InferencePipeline(model, new CircuitKernels(network)).Evaluate(images);
        var reference = new InferencePipeline(model, new CircuitKernels(network) { ReferenceNewton = true }).Evaluate(images);
        Assert.Equal(reference.Predictions, chain.Predictions);
    }

    [SkippableFact]
    public void When_a_tile_cannot_converge_Expect_error_naming_image_layer_and_tile()
    {
        var test = RandomNetworks.MnistTest;
        Skip.If(test is null, "MNIST test set not found (set BMCNN_DATA)");
        var model = RandomNetworks.Lenet(8, c1: 4, c2: 8, f1: 24);
        var network = MappedNetwork.Program(model, Sinh(2.5), 2);
        var pipeline = new InferencePipeline(model, new CircuitKernels(network) { MaxSweeps = 1 }, threads: 1);
        var error = Assert.Throws<BmcnnException>(() => pipeline.Evaluate(test!.Take(2)));
        Assert.Matches("^image 0, position [0-9]+: layer conv1 tile 0: crossbar: sinh solver did not converge in 1 sweeps", error.Message);
    }

    [SkippableFact]
    public void When_exported_sinh_tile_runs_in_ngspice_Expect_chain_solver_column_currents_within_1e_6()
    {
        Skip.IfNot(NgspiceRunner.IsAvailable, "ngspice is not installed (apt-get install -y ngspice)");
        var test = RandomNetworks.MnistTest;
        Skip.If(test is null, "MNIST test set not found (set BMCNN_DATA)");
        var spec = Sinh(1.06);
        var network = MappedNetwork.Program(RandomNetworks.Lenet(32, c1: 4, c2: 8, f1: 24), spec, 4);
        foreach (var (layer, index) in new[] { ("conv1", 0), ("fc1", 1) })
        {
            // the row voltages `bmcnn netlist tile` writes for image 0 (earlier layers in circuit mode)
            var volts = TileProbe.RowVolts(network, layer, index, test!.Pixels.AsSpan(0, 784));
            var tile = network.Layer(layer).Tiles[index];
            var crossbar = TileCircuit.Build(tile, spec, volts);
            var reference = NgspiceRunner.Run(crossbar.Netlist);
            var ours = new double[tile.Columns];
            new SinhCrossbarSolver(TileCircuit.Spec(tile, spec)).Solve(volts, ours);
            var theirs = crossbar.ColumnTerminations.Select(t => reference.BranchCurrents[t]).ToArray();
            var error = TileCrosscheck.MaxRelative(ours, theirs);
            Assert.True(error <= 1e-6, $"{layer} tile {index}: chain solver differs from ngspice by {error:E2}");
        }
    }
}

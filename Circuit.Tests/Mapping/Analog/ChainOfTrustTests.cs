using Bmcnn.Circuit;
using Bmcnn.Devices;
using Bmcnn.Mapping.Analog;
using Bmcnn.Mapping.Compile;
using Bmcnn.Network.Inference;
using Bmcnn.Tests.Network.Model;

namespace Bmcnn.Tests.Mapping.Analog;

/// <summary>The links of the chain of trust that do not need ngspice.</summary>
public class ChainOfTrustTests
{
    private static readonly DeviceSpec Ideal = DevicePresets.TiO2MemTorch.Spec;

    public static TheoryData<string, WeightScheme, int, int, int> Layouts => new()
    {
        { "tio2-memtorch", WeightScheme.Differential, 1, 128, 128 },
        { "rram", WeightScheme.Reference, 1, 128, 128 },
        { "rram", WeightScheme.Differential, 3, 48, 20 },
        { "tio2-memtorch", WeightScheme.Reference, 2, 30, 9 },
    };

    [SkippableTheory]
    [MemberData(nameof(Layouts))]
    public void When_devices_are_ideal_Expect_behavioral_predictions_equal_software(string preset, WeightScheme scheme, int k, int rows, int columns)
    {
        var test = RandomNetworks.MnistTest;
        Skip.If(test is null, "MNIST test set not found (set BMCNN_DATA)");
        var model = RandomNetworks.Lenet(21);
        var spec = DevicePresets.Get(preset).Spec with { Scheme = scheme, Redundancy = k, TileRows = rows, TileColumns = columns };
        var images = test!.Take(500);
        var software = InferencePipeline.Software(model).Evaluate(images);
        var behavioral = CrossbarInference.Create(model, spec, 5, InferenceMode.Behavioral).Evaluate(images);
        Assert.Equal(software.Predictions, behavioral.Predictions);
        // The random network must make varied decisions for the comparison to mean something.
        Assert.True(software.Predictions.Distinct().Count() >= 3);
    }

    [SkippableFact]
    public void When_devices_vary_Expect_behavioral_predictions_to_differ_from_software()
    {
        var test = RandomNetworks.MnistTest;
        Skip.If(test is null, "MNIST test set not found (set BMCNN_DATA)");
        var model = RandomNetworks.Lenet(21);
        var images = test!.Take(300);
        var software = InferencePipeline.Software(model).Evaluate(images);
        var varied = CrossbarInference.Create(model, Ideal with { SigmaOn = 1, SigmaOff = 1 }, 5, InferenceMode.Behavioral).Evaluate(images);
        Assert.NotEqual(software.Predictions, varied.Predictions);
    }

    [Fact]
    public void When_wires_are_ideal_Expect_circuit_response_equal_behavioral_to_1e_9()
    {
        var model = RandomNetworks.Lenet(4, c1: 4, c2: 8, f1: 24);
        foreach (var termination in new[] { Termination.VirtualGround, Termination.SenseResistor })
        {
            var spec = DevicePresets.Rram.Spec with
            {
                SigmaOn = 0.3,
                SigmaOff = 0.3,
                StuckOff = 0.02,
                TileRows = 40,
                TileColumns = 12,
                Termination = termination,
            };
            var network = MappedNetwork.Program(model, spec, 8);
            foreach (var layer in network.Layers)
            {
                var behavioral = layer.NeuronConductances();
                var circuit = CircuitKernels.NeuronResponse(layer, spec);
                if (termination == Termination.SenseResistor)
                {
                    // A sense resistor is not a virtual ground: only the virtual-ground tile is the ideal Kirchhoff sum.
                    Assert.NotEqual(behavioral, circuit);
                    continue;
                }
                var scale = behavioral.Max(Math.Abs);
                for (var i = 0; i < behavioral.Length; i++)
                {
                    Assert.True(Math.Abs(circuit[i] - behavioral[i]) <= 1e-9 * Math.Max(Math.Abs(behavioral[i]), 1e-3 * scale),
                        $"{layer.Name} entry {i}: circuit {circuit[i]:R}, behavioral {behavioral[i]:R}");
                }
            }
        }
    }

    [Theory]
    [InlineData(Termination.VirtualGround, 0.0)]
    [InlineData(Termination.SenseResistor, 50.0)]
    public void When_tile_has_wires_Expect_transfer_matrix_equal_per_input_solves_to_1e_9(Termination termination, double driver)
    {
        var model = RandomNetworks.Lenet(5, c1: 4, c2: 8, f1: 24);
        var spec = DevicePresets.TiO2MemTorch.Spec with
        {
            SigmaOn = 0.2,
            SigmaOff = 0.2,
            RWireRow = 2.5,
            RWireColumn = 2.5,
            RDriver = driver,
            Termination = termination,
            RSense = 20,
            TileRows = 48,
            TileColumns = 16,
        };
        var network = MappedNetwork.Program(model, spec, 3);
        var random = new RandomStream(17);
        foreach (var tile in new[] { network.Layers[1].Tiles[0], network.Layers[2].Tiles[^1] })
        {
            var transfer = TileCircuit.TransferMatrix(tile, spec);
            for (var trial = 0; trial < 3; trial++)
            {
                var volts = new double[tile.RowCount];
                for (var i = 0; i < volts.Length; i++) volts[i] = random.NextDouble() < 0.5 ? -spec.VRead : spec.VRead;
                var crossbar = TileCircuit.Build(tile, spec, volts);
                var solved = crossbar.ColumnCurrents(crossbar.Solve());
                for (var j = 0; j < tile.Columns; j++)
                {
                    var predicted = 0.0;
                    for (var i = 0; i < tile.RowCount; i++) predicted += volts[i] * transfer[i * tile.Columns + j];
                    Assert.True(Math.Abs(predicted - solved[j]) <= 1e-9 * solved.Max(Math.Abs), $"column {j}: {predicted:R} vs {solved[j]:R}");
                }
            }
        }
    }

    [Fact]
    public void When_devices_are_sinh_and_wires_ideal_Expect_newton_currents_equal_behavioral_law()
    {
        var model = RandomNetworks.Lenet(6, c1: 4, c2: 8, f1: 24);
        var spec = DevicePresets.Rram.Spec with { Nonlinearity = Nonlinearity.Sinh, V0 = 0.1, SigmaOn = 0.2, TileRows = 30, TileColumns = 10 };
        var network = MappedNetwork.Program(model, spec, 9);
        var layer = network.Layers[0];
        var random = new RandomStream(4);
        var input = new float[layer.Plan.Rows];
        for (var i = 0; i < input.Length; i++) input[i] = (float)random.NextDouble();
        var newton = new double[layer.Plan.Neurons];
        NewtonKernel.NeuronCurrents(layer, spec, input, newton);
        // Ideal wires: each device sees its row voltage, so I = Σ G·v·sinh(p·v/V0)/sinh(v/V0).
        var g = layer.NeuronConductances();
        for (var n = 0; n < newton.Length; n++)
        {
            var expected = 0.0;
            for (var i = 0; i < input.Length; i++)
            {
                expected += g[i * newton.Length + n] * spec.VRead * Math.Sinh(input[i] * spec.VRead / spec.V0) / Math.Sinh(spec.VRead / spec.V0);
            }
            Assert.True(Math.Abs(newton[n] - expected) <= 1e-9 * Math.Abs(expected) + 1e-15, $"neuron {n}: {newton[n]:R} vs {expected:R}");
        }
    }

    [SkippableFact]
    public void When_wires_are_ideal_Expect_circuit_predictions_equal_behavioral()
    {
        var test = RandomNetworks.MnistTest;
        Skip.If(test is null, "MNIST test set not found (set BMCNN_DATA)");
        var model = RandomNetworks.Lenet(22, c1: 4, c2: 8, f1: 24);
        var spec = Ideal with { SigmaOn = 0.4, SigmaOff = 0.4, OffsetSigma = 1e-5, TileRows = 40, TileColumns = 16 };
        var network = MappedNetwork.Program(model, spec, 13);
        var images = test!.Take(200);
        var behavioral = new CrossbarInference(network, InferenceMode.Behavioral).Evaluate(images);
        var circuit = new CrossbarInference(network, InferenceMode.Circuit).Evaluate(images);
        Assert.Equal(behavioral.Predictions, circuit.Predictions);
    }
}

using Bmcnn.Circuit;
using Bmcnn.Circuit.Crossbars;
using Bmcnn.Devices;
using Bmcnn.Mapping.Analog;
using Bmcnn.Mapping.Compile;
using Bmcnn.Netlists;
using Bmcnn.Network.Inference;
using Bmcnn.Tests.Network.Model;

namespace Bmcnn.Tests.Mapping.Analog;

/// <summary>Array power from the circuit solution: forms against direct solves, behavioral and ngspice.</summary>
public class EnergyTests
{
    [Theory]
    [InlineData(1.0, 1.0, 0.0, Termination.VirtualGround)]
    [InlineData(2.5, 0.5, 50.0, Termination.SenseResistor)]
    [InlineData(0.0, 0.0, 0.0, Termination.VirtualGround)]
    public void When_tile_is_driven_Expect_power_forms_equal_direct_engine_solve_to_1e_9(double rowWire, double columnWire, double driver,
        Termination termination)
    {
        var random = RandomStream.For(3, 1, 4, 1);
        int m = 18, n = 14;
        var g = new double[m, n];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
                g[i, j] = random.NextDouble() < 0.5 ? 1e-4 : 1e-5 * (1 + random.NextDouble());
        var spec = new CrossbarSpec
        {
            Conductances = g,
            RowWireOhms = rowWire,
            ColumnWireOhms = columnWire,
            DriverOhms = driver,
            ColumnTermination = termination == Termination.VirtualGround ? ColumnTermination.VirtualGround : ColumnTermination.SenseResistor,
            SenseOhms = 100,
        };
        var response = Crossbar.Build(spec, new double[m]).Response();
        for (var trial = 0; trial < 3; trial++)
        {
            var volts = Enumerable.Range(0, m).Select(_ => 0.2 * (2 * random.NextDouble() - 1)).ToArray();
            var crossbar = Crossbar.Build(spec, volts);
            var direct = crossbar.Power(crossbar.Solve());
            Close(direct.Delivered, CrossbarResponse.Evaluate(response.Admittance, volts), direct.Delivered, "delivered");
            Close(direct.Devices, CrossbarResponse.Evaluate(response.Devices, volts), direct.Delivered, "devices");
            Close(direct.Wires, CrossbarResponse.Evaluate(response.Wires(), volts), direct.Delivered, "wires");
            Close(direct.Drivers, CrossbarResponse.Evaluate(response.Drivers, volts), direct.Delivered, "drivers");
            Close(direct.Terminations, CrossbarResponse.Evaluate(response.Terminations, volts), direct.Delivered, "terminations");
            // Tellegen: what the drivers deliver is dissipated somewhere, element by element.
            Close(direct.Delivered, direct.Devices + direct.Wires + direct.Drivers + direct.Terminations, direct.Delivered, "balance");
            Assert.True(direct.Delivered > 0);
            Assert.Equal(rowWire + columnWire > 0, direct.Wires > 1e-6 * direct.Delivered);
        }
    }

    [SkippableFact]
    public void When_wires_are_ideal_Expect_circuit_array_energy_equal_behavioral_image_for_image_to_1e_9()
    {
        var test = RandomNetworks.MnistTest;
        Skip.If(test is null, "MNIST test set not found (set BMCNN_DATA)");
        var model = RandomNetworks.Lenet(4, c1: 4, c2: 8, f1: 24);
        var spec = DevicePresets.Rram.Spec with { SigmaOn = 0.3, SigmaOff = 0.3, StuckOff = 0.02, TileRows = 40, TileColumns = 12 };
        var network = MappedNetwork.Program(model, spec, 8);
        var images = test!.Take(30);
        var energies = new List<double[]>();
        foreach (var mode in new[] { InferenceMode.Behavioral, InferenceMode.Circuit })
        {
            var meter = new EnergyMeter(network.Layers.Count, spec.Periphery.ReadPulseWidth, recordImages: true);
            new CrossbarInference(network, mode, 1, meter).Pipeline.Trace(images.Pixels, images.Count, (_, _, _) => { });
            energies.Add(Enumerable.Range(0, images.Count).Select(i => network.Layers.Sum(l => meter.ImageJoules(l.Index)[i])).ToArray());
        }
        for (var i = 0; i < images.Count; i++)
        {
            Assert.True(energies[0][i] > 0);
            Close(energies[0][i], energies[1][i], energies[0][i], $"image {i}");
        }
        // With 1 Ω wires the circuit draws measurably less (IR drop), so the comparison can fail.
        var wired = network.Spec with { RWireRow = 1, RWireColumn = 1 };
        var wiredMeter = new EnergyMeter(network.Layers.Count, spec.Periphery.ReadPulseWidth, recordImages: true);
        var rewired = MappedNetwork.Program(model, wired, 8);
        new CrossbarInference(rewired, InferenceMode.Circuit, 1, wiredMeter).Pipeline.Trace(images.Pixels, 1, (_, _, _) => { });
        var first = rewired.Layers.Sum(l => wiredMeter.ImageJoules(l.Index)[0]);
        Assert.True(Math.Abs(first - energies[0][0]) > 1e-6 * energies[0][0]);
    }

    [SkippableFact]
    public void When_only_totals_are_kept_Expect_the_same_energy_as_summing_every_image()
    {
        var test = RandomNetworks.MnistTest;
        Skip.If(test is null, "MNIST test set not found (set BMCNN_DATA)");
        var model = RandomNetworks.Lenet(4, c1: 4, c2: 8, f1: 24);
        var spec = DevicePresets.Rram.Spec with
        {
            SigmaOn = 0.2,
            SigmaOff = 0.2,
            RWireRow = 2,
            RWireColumn = 1,
            RDriver = 20,
            TileRows = 40,
            TileColumns = 12,
        };
        var network = MappedNetwork.Program(model, spec, 8);
        var images = test!.Take(60);
        var perImage = new EnergyMeter(network.Layers.Count, 1e-8, recordImages: true);
        var totals = new EnergyMeter(network.Layers.Count, 1e-8);
        new CrossbarInference(network, InferenceMode.Circuit, 1, perImage).Pipeline.Trace(images.Pixels, images.Count, (_, _, _) => { });
        new CrossbarInference(network, InferenceMode.Circuit, 2, totals).Evaluate(images);
        foreach (var layer in network.Layers)
        {
            Assert.Equal(images.Count, totals.Images(layer.Index));
            var delivered = perImage.Joules(layer.Index, LayerPowerForms.Delivered);
            Close(perImage.ImageJoules(layer.Index).Sum(), delivered, 1e3 * delivered, "sum");
            for (var c = 0; c < LayerPowerForms.Components; c++)
            {
                var expected = perImage.Joules(layer.Index, c);
                // float32 coupling terms in both paths: agreement to 1e-6 of the layer's delivered energy.
                Assert.True(Math.Abs(totals.Joules(layer.Index, c) - expected) <= 1e-6 * perImage.Joules(layer.Index, 0),
                    $"{layer.Name} component {c}: totals {totals.Joules(layer.Index, c):R}, per image {expected:R}");
            }
            Assert.True(perImage.Joules(layer.Index, LayerPowerForms.Drivers) > 0);
        }
    }

    [SkippableFact]
    public void When_real_tiles_have_wires_and_variation_Expect_driver_power_equal_ngspice_to_1e_6()
    {
        Skip.IfNot(NgspiceRunner.IsAvailable, "ngspice is not installed (apt-get install -y ngspice)");
        var test = RandomNetworks.MnistTest;
        Skip.If(test is null, "MNIST test set not found (set BMCNN_DATA)");
        var model = RandomNetworks.Lenet(4, c1: 4, c2: 8, f1: 24);
        var spec = DevicePresets.Rram.Spec with
        {
            SigmaOn = 0.2,
            SigmaOff = 0.2,
            RWireRow = 1,
            RWireColumn = 1,
            TileRows = 40,
            TileColumns = 12,
        };
        var network = MappedNetwork.Program(model, spec, 8);
        var pixels = test!.Pixels.AsSpan(0, test.ImageSize);
        // A conv layer, a hidden linear layer and the output layer.
        foreach (var layer in new[] { network.Layers[1], network.Layers[2], network.Layers[^1] })
        {
            var tile = layer.Tiles[0];
            var volts = TileProbe.RowVolts(network, layer.Name, 0, pixels);
            var r = TileCrosscheck.Run(network, tile, 0, volts, ngspice: true);
            Assert.True(r.Watts > 0, $"{layer.Name}: no power");
            Assert.True(r.PowerNgspice <= 1e-6, $"{layer.Name}: driver power {r.Watts:R} W differs from ngspice by {r.PowerNgspice:E2}");
            Assert.True(r.PowerForms <= 1e-9, $"{layer.Name}: forms vs engine {r.PowerForms:E2}");
        }
    }

    [SkippableFact]
    public void When_devices_follow_the_sinh_law_Expect_newton_energy_equal_behavioral_with_ideal_wires_and_balanced_with_wires()
    {
        var test = RandomNetworks.MnistTest;
        Skip.If(test is null, "MNIST test set not found (set BMCNN_DATA)");
        var model = RandomNetworks.Lenet(4, c1: 2, c2: 4, f1: 8);
        var spec = DevicePresets.Rram.Spec with { Nonlinearity = Nonlinearity.Sinh, SigmaOn = 0.2, SigmaOff = 0.2, TileRows = 40, TileColumns = 12 };
        var images = test!.Take(2);
        double Delivered(DeviceSpec s, InferenceMode mode, out EnergyMeter meter)
        {
            var network = MappedNetwork.Program(model, s, 8);
            meter = new EnergyMeter(network.Layers.Count, 1e-8, recordImages: true);
            new CrossbarInference(network, mode, 1, meter).Pipeline.Trace(images.Pixels, images.Count, (_, _, _) => { });
            var m = meter;
            return network.Layers.Sum(l => m.Joules(l.Index, LayerPowerForms.Delivered));
        }
        var behavioral = Delivered(spec, InferenceMode.Behavioral, out _);
        var newton = Delivered(spec, InferenceMode.Circuit, out _);
        Assert.True(behavioral > 0);
        Assert.True(Math.Abs(newton - behavioral) <= 1e-9 * behavioral, $"Newton {newton:R} J, behavioral {behavioral:R} J");

        var wired = Delivered(spec with { RWireRow = 2, RWireColumn = 2 }, InferenceMode.Circuit, out var meter);
        var dissipated = Enumerable.Range(0, meter.Layers).Sum(l => meter.Joules(l, LayerPowerForms.Devices));
        Assert.True(wired < newton, "wires lower the devices' voltages");
        Assert.True(dissipated < wired && dissipated > 0.5 * wired, $"devices {dissipated:R} J of {wired:R} J");
    }

    [Theory]
    [InlineData("{\"periphery\": {\"readPulseWidth\": 0}}", "periphery.readPulseWidth")]
    [InlineData("{\"periphery\": {\"adcEnergy\": -1e-12}}", "periphery.adcEnergy")]
    [InlineData("{\"periphery\": {\"driverEnergy\": -1}}", "periphery.driverEnergy")]
    [InlineData("{\"periphery\": {\"tileSchedule\": \"diagonal\"}}", "periphery.tileSchedule")]
    public void When_periphery_value_is_impossible_Expect_error_naming_the_field(string json, string field)
    {
        var error = Assert.Throws<BmcnnException>(() => DeviceSpecFile.Parse(json, "bad.json"));
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("bad.json:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void When_spec_has_no_periphery_Expect_defaults_and_partial_sections_keep_the_rest()
    {
        var old = DeviceSpecFile.Parse("{\"preset\": \"rram\", \"rWireRow\": 1}");
        Assert.Equal(new PeripherySpec(), old.Periphery);
        var partial = DeviceSpecFile.Parse("{\"periphery\": {\"readPulseWidth\": 2e-8, \"tileSchedule\": \"sequential\"}}");
        Assert.Equal(2e-8, partial.Periphery.ReadPulseWidth);
        Assert.Equal(TileSchedule.Sequential, partial.Periphery.TileSchedule);
        Assert.Equal(new PeripherySpec().AdcEnergy, partial.Periphery.AdcEnergy);
        Assert.Equal(partial, DeviceSpecFile.Parse(DeviceSpecFile.ToJson(partial)) with { Name = partial.Name });
    }

    private static void Close(double expected, double actual, double scale, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Abs(scale), $"{what}: expected {expected:R}, got {actual:R}");
}

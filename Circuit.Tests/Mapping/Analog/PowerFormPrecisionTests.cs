using Bmcnn.Circuit.Crossbars;
using Bmcnn.Devices;
using Bmcnn.Mapping.Analog;
using Bmcnn.Mapping.Compile;
using Bmcnn.Tests.Network.Model;
using Xunit.Abstractions;

namespace Bmcnn.Tests.Mapping.Analog;

/// <summary>
/// The layer power forms as eval applies them (float32 coupling terms; totals and per vector) against double-precision xᵀ·Y·x
/// per tile. Measured: at most 5e-10 of the delivered energy here, 9.4e-10 on the shipped model's 128×128 tiles with 1 Ω wires.
/// </summary>
public class PowerFormPrecisionTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void When_real_tiles_have_wires_and_variation_Expect_forms_equal_double_quadratic_forms_to_1e_8()
    {
        var test = RandomNetworks.MnistTest;
        Skip.If(test is null, "MNIST test set not found (set BMCNN_DATA)");
        var model = RandomNetworks.Lenet(4, c1: 4, c2: 8, f1: 24);
        var spec = DevicePresets.Rram.Spec with { SigmaOn = 0.2, SigmaOff = 0.2, RWireRow = 1, RWireColumn = 1, TileRows = 40, TileColumns = 12 };
        var network = MappedNetwork.Program(model, spec, 8);
        const int images = 20;
        foreach (var layer in network.Layers)
        {
            var (_, forms) = CircuitKernels.NeuronResponseAndPower(layer, spec, 1);
            var responses = layer.Tiles.Select(t => TileCircuit.Response(t, spec)).ToArray();
            var rows = layer.Plan.Rows;
            var vectors = new List<float>();
            for (var image = 0; image < images; image++)
            {
                vectors.AddRange(TileProbe.LayerInputs(network, layer.Index, test!.Pixels.AsSpan(image * test.ImageSize, test.ImageSize)));
            }
            var inputs = vectors.ToArray();
            var count = inputs.Length / rows;
            // Reference: every vector's power, tile by tile, in double precision.
            var expected = new double[2];
            for (var v = 0; v < count; v++)
            {
                for (var t = 0; t < layer.Tiles.Count; t++)
                {
                    var tile = layer.Tiles[t];
                    var volts = new double[tile.RowCount];
                    for (var i = 0; i < volts.Length; i++) volts[i] = spec.VRead * inputs[v * rows + tile.RowStart + i];
                    expected[0] += CrossbarResponse.Evaluate(responses[t].Admittance, volts);
                    expected[1] += CrossbarResponse.Evaluate(responses[t].Devices, volts);
                }
            }
            forms.Accumulate(inputs, count);
            var power = new double[count * LayerPowerForms.Components];
            forms.Evaluate(inputs, count, power);
            foreach (var (component, reference) in new[] { (LayerPowerForms.Delivered, expected[0]), (LayerPowerForms.Devices, expected[1]) })
            {
                var totals = forms.Joules(component, 1);
                var perVector = Enumerable.Range(0, count).Sum(v => power[v * LayerPowerForms.Components + component]);
                var totalError = Math.Abs(totals - reference) / expected[0];
                var vectorError = Math.Abs(perVector - reference) / expected[0];
                output.WriteLine($"{layer.Name} component {component}: totals {totalError:E2}, per vector {vectorError:E2} (of delivered)");
                Assert.True(totalError <= 1e-8, $"{layer.Name} component {component}: totals differ by {totalError:E2}");
                Assert.True(vectorError <= 1e-8, $"{layer.Name} component {component}: per-vector powers differ by {vectorError:E2}");
            }
        }
    }
}

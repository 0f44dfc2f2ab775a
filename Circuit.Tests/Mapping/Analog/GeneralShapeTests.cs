using Bmcnn.Devices;
using Bmcnn.Mapping.Analog;
using Bmcnn.Mapping.Compile;
using Bmcnn.Network.Inference;
using Bmcnn.Tests.Network.Model;

namespace Bmcnn.Tests.Mapping.Analog;

/// <summary>The chain of trust on padded, strided and hybrid-precision networks (version 2 model shapes).</summary>
public class GeneralShapeTests
{
    [SkippableTheory]
    [InlineData(false, WeightScheme.Differential, 128, 128)]
    [InlineData(false, WeightScheme.Reference, 20, 9)]
    [InlineData(true, WeightScheme.Differential, 40, 16)]
    public void When_padded_network_devices_are_ideal_Expect_behavioral_predictions_equal_software(bool hybrid, WeightScheme scheme,
        int rows, int columns)
    {
        var test = RandomNetworks.MnistTest;
        Skip.If(test is null, "MNIST test set not found (set BMCNN_DATA)");
        var model = RandomNetworks.Padded(31, hybrid);
        var spec = DevicePresets.Rram.Spec with { Scheme = scheme, TileRows = rows, TileColumns = columns };
        var images = test!.Take(400);
        var software = InferencePipeline.Software(model).Evaluate(images);
        var behavioral = CrossbarInference.Create(model, spec, 5, InferenceMode.Behavioral).Evaluate(images);
        Assert.Equal(software.Predictions, behavioral.Predictions);
        Assert.True(software.Predictions.Distinct().Count() >= 3);
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void When_padded_network_wires_are_ideal_Expect_circuit_predictions_equal_behavioral(bool hybrid)
    {
        var test = RandomNetworks.MnistTest;
        Skip.If(test is null, "MNIST test set not found (set BMCNN_DATA)");
        var model = RandomNetworks.Padded(32, hybrid);
        var spec = DevicePresets.TiO2MemTorch.Spec with { SigmaOn = 0.4, SigmaOff = 0.4, OffsetSigma = 1e-5, TileRows = 40, TileColumns = 16 };
        var network = MappedNetwork.Program(model, spec, 13);
        var images = test!.Take(200);
        var behavioral = new CrossbarInference(network, InferenceMode.Behavioral).Evaluate(images);
        var circuit = new CrossbarInference(network, InferenceMode.Circuit).Evaluate(images);
        Assert.Equal(behavioral.Predictions, circuit.Predictions);
        // Variation must matter, or the comparison above could not fail.
        Assert.NotEqual(InferencePipeline.Software(model).Evaluate(images).Predictions, behavioral.Predictions);
    }

    [Fact]
    public void When_layers_are_digital_Expect_them_to_get_no_tiles()
    {
        var model = RandomNetworks.Padded(33, hybrid: true);
        var network = MappedNetwork.Program(model, DevicePresets.Rram.Spec, 1);
        Assert.Equal(["conv2", "fc1"], network.Layers.Select(l => l.Name));
        Assert.Null(network.ForBlock(0));
        Assert.Equal(1, network.ForBlock(1)!.Index);
        var placements = LayerPlacement.Of(network);
        Assert.Equal([false, true, true, false], placements.Select(p => p.OnCrossbars));
        // conv2: a 3×2 window of 6 channels = 36 rows × 8 differential neurons = 16 columns, one 128×128 tile.
        Assert.Equal((1, 36L * 16), (placements[1].Tiles, placements[1].Devices));
        Assert.Equal("conv1 digital (host)", placements[0].ToString());
    }
}

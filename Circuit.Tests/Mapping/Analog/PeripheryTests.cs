using Bmcnn.Devices;
using Bmcnn.Mapping.Analog;
using Bmcnn.Network.Inference;
using Bmcnn.Tests.Network.Model;

namespace Bmcnn.Tests.Mapping.Analog;

public class PeripheryTests
{
    [SkippableFact]
    public void When_read_noise_is_on_Expect_reproducible_predictions_that_differ_from_noiseless()
    {
        var test = RandomNetworks.MnistTest;
        Skip.If(test is null, "MNIST test set not found (set BMCNN_DATA)");
        var model = RandomNetworks.Lenet(51);
        var images = test!.Take(300);
        var noisy = DevicePresets.Rram.Spec with { ReadNoiseSigma = 0.5 };
        var a = CrossbarInference.Create(model, noisy, 3, InferenceMode.Behavioral, threads: 1).Evaluate(images);
        var b = CrossbarInference.Create(model, noisy, 3, InferenceMode.Behavioral, threads: 2).Evaluate(images);
        var quiet = CrossbarInference.Create(model, DevicePresets.Rram.Spec, 3, InferenceMode.Behavioral).Evaluate(images);
        Assert.Equal(a.Predictions, b.Predictions);
        Assert.NotEqual(quiet.Predictions, a.Predictions);
        Assert.Equal(InferencePipeline.Software(model).Evaluate(images).Predictions, quiet.Predictions);
    }

    [SkippableFact]
    public void When_output_adc_is_coarse_Expect_some_predictions_to_change_and_fine_adc_to_keep_them()
    {
        var test = RandomNetworks.MnistTest;
        Skip.If(test is null, "MNIST test set not found (set BMCNN_DATA)");
        var model = RandomNetworks.Lenet(52);
        var images = test!.Take(300);
        var software = InferencePipeline.Software(model).Evaluate(images).Predictions;
        var coarse = CrossbarInference.Create(model, DevicePresets.Rram.Spec with { AdcBits = 3 }, 1, InferenceMode.Behavioral).Evaluate(images);
        var fine = CrossbarInference.Create(model, DevicePresets.Rram.Spec with { AdcBits = 20 }, 1, InferenceMode.Behavioral).Evaluate(images);
        Assert.NotEqual(software, coarse.Predictions);
        Assert.Equal(software, fine.Predictions);
    }

    [SkippableFact]
    public void When_comparator_offsets_are_large_Expect_decisions_to_change()
    {
        var test = RandomNetworks.MnistTest;
        Skip.If(test is null, "MNIST test set not found (set BMCNN_DATA)");
        var model = RandomNetworks.Lenet(53);
        var images = test!.Take(200);
        var spec = DevicePresets.Rram.Spec;
        var unit = spec.VRead * (spec.GOn - spec.GOff);
        var software = InferencePipeline.Software(model).Evaluate(images).Predictions;
        // First-layer sums sit on a 1/255 grid: the ideal margin is half a pixel level, 0.002 units.
        var small = CrossbarInference.Create(model, spec with { OffsetSigma = 1e-5 * unit }, 1, InferenceMode.Behavioral).Evaluate(images);
        var large = CrossbarInference.Create(model, spec with { OffsetSigma = 20 * unit }, 1, InferenceMode.Behavioral).Evaluate(images);
        Assert.Equal(software, small.Predictions);
        Assert.NotEqual(software, large.Predictions);
    }
}

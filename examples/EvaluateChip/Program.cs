// Load the shipped binarized LeNet, program it onto crossbar tiles of RRAM devices with 20% lognormal device-to-device
// variation, and classify the first 1,000 MNIST test images in software and on the chip (behavioral and circuit mode).
// Run: dotnet run --project examples/EvaluateChip [-- MNIST_FOLDER]
using Bmcnn.Devices;
using Bmcnn.Mapping.Analog;
using Bmcnn.Network.Data;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;

var folder = MnistFolder.Resolve(args.Length > 0 ? args[0] : null);
var test = MnistFolder.LoadTest(folder).Take(1000);
var model = DefaultModel.Load();

var software = InferencePipeline.Software(model).Evaluate(test);
Console.WriteLine($"software (exact binarized network): {software.Accuracy:P2} of {software.Images} images");

var spec = DevicePresets.Rram.Spec with { SigmaOn = 0.2, SigmaOff = 0.2, Distribution = VariationDistribution.Lognormal };
foreach (var mode in new[] { InferenceMode.Behavioral, InferenceMode.Circuit })
{
    // One chip: every device drawn from the spec's law with seed 1. Another seed programs another chip.
    var chip = CrossbarInference.Create(model, spec, seed: 1, mode);
    var result = chip.Evaluate(test);
    Console.WriteLine($"{mode.ToString().ToLowerInvariant(),-10} on RRAM, σ = 0.2 lognormal: {result.Accuracy:P2}");
}

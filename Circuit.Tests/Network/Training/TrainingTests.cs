using Bmcnn.Network.Data;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;
using Bmcnn.Network.Training;
using Bmcnn.Tests.Network.Data;

namespace Bmcnn.Tests.Network.Training;

public sealed class TrainingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bmcnn-train-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [SkippableFact]
    public void When_training_small_network_on_2000_images_Expect_over_90_percent()
    {
        string? folder = MnistAvailability.Folder();
        Skip.If(folder is null, "MNIST not found (set BMCNN_DATA or keep ../shared/data/mnist)");
        var train = MnistFolder.LoadTrain(folder!).Take(2000);
        var test = MnistFolder.LoadTest(folder!).Take(1000);
        var options = new TrainingOptions { Epochs = 4, Seed = 3, LearningRate = 0.005 };
        var model = new Trainer(options, TextWriter.Null).Train(train, null);
        var result = InferencePipeline.Software(model).Evaluate(test);
        Assert.True(result.Accuracy > 0.90, $"accuracy {result.Accuracy:P2}");
    }

    /// <summary>Synthetic 28×28 digits-like data: class k lights a bar at a class-specific place, plus noise.</summary>
    internal static MnistSet Synthetic(int count, int seed)
    {
        var r = new Random(seed);
        var pixels = new byte[count * 784];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            int k = r.Next(10);
            labels[i] = (byte)k;
            for (int p = 0; p < 784; p++)
            {
                int y = p / 28, x = p % 28;
                bool on = k < 5 ? Math.Abs(y - (4 + 5 * k)) <= 1 : Math.Abs(x - (4 + 5 * (k - 5))) <= 1;
                pixels[i * 784 + p] = on ? (byte)r.Next(150, 256) : (byte)(r.NextDouble() < 0.05 ? r.Next(256) : 0);
            }
        }
        return new MnistSet(pixels, labels, count, 28, 28, "synthetic");
    }

    [Theory]
    [InlineData("mlp", "64,32", 1)]
    [InlineData("vgg-small", "8,8,32", 2)]
    public void When_training_other_architecture_on_small_subset_Expect_learns_and_file_round_trips(string arch, string widths, int version)
    {
        var train = Synthetic(400, 11);
        var test = Synthetic(200, 12);
        var options = new TrainingOptions
        {
            Arch = arch,
            Widths = widths.Split(',').Select(int.Parse).ToArray(),
            Epochs = 2,
            Seed = 4,
            BatchSize = 50,
            Threads = 2,
        };
        var model = new Trainer(options, TextWriter.Null).Train(train, null);
        Assert.Equal(arch, model.Arch);
        var result = InferencePipeline.Software(model).Evaluate(test);
        Assert.True(result.Accuracy > 0.6, $"{arch}: accuracy {result.Accuracy:P2} on the synthetic bars");
        string path = Path.Combine(_dir, arch + ".bmcnn");
        ModelFile.Save(model, path);
        Assert.Equal(version, ModelFile.VersionFor(model));
        var again = InferencePipeline.Software(ModelFile.Load(path)).Evaluate(test);
        Assert.Equal(result.Correct, again.Correct);
    }

    [Fact]
    public void When_training_on_16_by_16_images_Expect_model_input_of_that_shape()
    {
        var big = Synthetic(100, 13);
        var pixels = new byte[100 * 256];
        for (int i = 0; i < 100; i++)
        {
            for (int p = 0; p < 256; p++)
            {
                pixels[i * 256 + p] = big.Pixels[i * 784 + (p / 16 + 6) * 28 + p % 16 + 6];
            }
        }
        var small = new MnistSet(pixels, big.Labels, 100, 16, 16, "synthetic 16×16");
        foreach (var arch in Architectures.Names)
        {
            var options = new TrainingOptions { Arch = arch, Widths = arch == "mlp" ? [16] : [4, 8, 16], Epochs = 1, BatchSize = 50 };
            var model = new Trainer(options, TextWriter.Null).Train(small, null);
            Assert.Equal(new TensorShape(16, 16, 1), model.Input);
        }
    }

    [Fact]
    public void When_architecture_is_unknown_or_widths_wrong_Expect_one_line_refusal()
    {
        var ex = Assert.Throws<Bmcnn.Circuit.BmcnnException>(() => Architectures.Create("resnet"));
        Assert.Contains("lenet, mlp, vgg-small", ex.Message);
        Assert.Throws<Bmcnn.Circuit.BmcnnException>(() => Architectures.Create("vgg-small", [8, 8]));
        Assert.Throws<Bmcnn.Circuit.BmcnnException>(() => Architectures.Create("vgg-small", null, 8, new TensorShape(30, 30, 1)));
        Assert.Throws<Bmcnn.Circuit.BmcnnException>(() => Architectures.Create("mlp", [0]));
    }

    [Fact]
    public void When_training_twice_with_one_seed_or_other_thread_count_Expect_identical_models()
    {
        var data = Synthetic(200, 1);
        var o1 = new TrainingOptions { Widths = [4, 8, 16], Epochs = 1, Seed = 5, BatchSize = 50, TrainSigma = 0.3, Threads = 1 };
        var o2 = new TrainingOptions { Widths = [4, 8, 16], Epochs = 1, Seed = 5, BatchSize = 50, TrainSigma = 0.3, Threads = 2 };
        var a = new Trainer(o1, TextWriter.Null).Train(data, null);
        var b = new Trainer(o2, TextWriter.Null).Train(data, null);
        string pa = Path.Combine(_dir, "a.bmcnn"), pb = Path.Combine(_dir, "b.bmcnn");
        ModelFile.Save(a, pa);
        ModelFile.Save(b, pb);
        Assert.Equal(File.ReadAllText(pa), File.ReadAllText(pb));
    }

    [Fact]
    public void When_resuming_from_checkpoint_Expect_same_model_as_uninterrupted_run()
    {
        var data = Synthetic(200, 2);
        var options = new TrainingOptions { Widths = [4, 8, 16], Epochs = 2, Seed = 9, BatchSize = 50 };
        var straight = new Trainer(options, TextWriter.Null).Train(data, null);
        string ckpt = Path.Combine(_dir, "run.ckpt");
        // The first run is killed right after epoch 1's checkpoint; the second resumes from it.
        Assert.Throws<OperationCanceledException>(() => new Trainer(options, new StopAfterFirstEpoch()).Train(data, null, checkpointPath: ckpt));
        var log = new StringWriter();
        var resumed = new Trainer(options, log).Train(data, null, checkpointPath: ckpt, resume: true);
        Assert.Contains("resumed", log.ToString());
        string pa = Path.Combine(_dir, "s.bmcnn"), pb = Path.Combine(_dir, "r.bmcnn");
        ModelFile.Save(straight, pa);
        ModelFile.Save(resumed, pb);
        Assert.Equal(File.ReadAllText(pa), File.ReadAllText(pb));
    }

    /// <summary>Cancels the run right after the first epoch's checkpoint is written ("epoch 2/" is the next line).</summary>
    private sealed class StopAfterFirstEpoch : StringWriter
    {
        public override void WriteLine(string? value)
        {
            if (value is not null && value.StartsWith("epoch 2/", StringComparison.Ordinal))
            {
                throw new OperationCanceledException();
            }
            base.WriteLine(value);
        }
    }
}

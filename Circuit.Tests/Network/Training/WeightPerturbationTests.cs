using Bmcnn.Circuit;
using Bmcnn.Network.Model;
using Bmcnn.Network.Training;

namespace Bmcnn.Tests.Network.Training;

public sealed class WeightPerturbationTests
{
    /// <summary>Records every call and scales the weights by a constant (a chip with a uniform gain error).</summary>
    private sealed class Recording(float gain) : IWeightPerturbation
    {
        public List<(int Layer, int Rows, int Columns, long Step)> Calls { get; } = new();
        public string Description => $"gain={gain}";

        public void Perturb(int layer, int rows, int columns, float[] weights, long step)
        {
            Calls.Add((layer, rows, columns, step));
            Assert.All(weights.Take(rows * columns), w => Assert.True(w is 1f or -1f));
            for (var i = 0; i < rows * columns; i++) weights[i] *= gain;
        }
    }

    [Fact]
    public void When_training_with_a_perturbation_Expect_one_call_per_layer_and_batch_with_its_step()
    {
        var data = TrainingTests.Synthetic(200, 2);
        var perturbation = new Recording(1f);
        var options = new TrainingOptions { Widths = [4, 8, 16], Epochs = 2, Seed = 5, BatchSize = 50, Threads = 1, Perturbation = perturbation };
        new Trainer(options, TextWriter.Null).Train(data, null);
        // lenet has 4 weighted layers; 2 epochs × 4 batches.
        Assert.Equal(4 * 8, perturbation.Calls.Count);
        Assert.Equal(Enumerable.Range(0, 8).SelectMany(s => Enumerable.Range(0, 4).Select(l => (l, (long)s))),
            perturbation.Calls.Select(c => (c.Layer, c.Step)));
        Assert.Contains("device=gain=1", options.Fingerprint());
    }

    [Fact]
    public void When_perturbation_changes_weights_Expect_other_model_than_without()
    {
        var data = TrainingTests.Synthetic(200, 2);
        BnnModel Train(IWeightPerturbation? p) => new Trainer(new TrainingOptions
        {
            Widths = [4, 8, 16],
            Epochs = 1,
            Seed = 5,
            BatchSize = 50,
            Threads = 1,
            Perturbation = p,
        }, TextWriter.Null).Train(data, null);
        var plain = Train(null);
        var same = Train(new Recording(1f));
        var scaled = Train(new Recording(-1f));
        Assert.Equal(plain.Blocks[1].Weighted.Weights, same.Blocks[1].Weighted.Weights);
        Assert.NotEqual(plain.Blocks[1].Weighted.Weights, scaled.Blocks[1].Weighted.Weights);
    }

    [Fact]
    public void When_both_noise_and_perturbation_are_set_Expect_refusal()
    {
        var options = new TrainingOptions { TrainSigma = 0.2, Perturbation = new Recording(1f) };
        Assert.Throws<BmcnnException>(options.Validate);
    }
}

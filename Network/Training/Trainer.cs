using System.Diagnostics;
using System.Globalization;
using Bmcnn.Circuit;
using Bmcnn.Network.Data;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;

namespace Bmcnn.Network.Training;

/// <summary>
/// Offline training of a binarized network: latent weights clipped to [−1, 1], sign in the forward pass,
/// straight-through estimator, batch-norm with running statistics, softmax cross-entropy, Adam with cosine
/// learning-rate decay, optional multiplicative weight noise or device-aware effective weights
/// (<see cref="IWeightPerturbation"/>) for variation-aware training. Deterministic for a seed
/// whatever the thread count. After each epoch: test accuracy of the exported binary model (software inference),
/// a checkpoint, and the model file.
/// </summary>
public sealed class Trainer
{
    private const double Beta1 = 0.9, Beta2 = 0.999, AdamEps = 1e-8;
    private readonly TrainingOptions _options;
    private readonly TextWriter _log;

    /// <summary>Creates a trainer writing progress lines to <paramref name="log"/>.</summary>
    public Trainer(TrainingOptions options, TextWriter log)
    {
        options.Validate();
        _options = options;
        _log = log;
    }

    /// <summary>Test accuracy after each epoch (fraction; NaN when no test set).</summary>
    public List<double> TestAccuracy { get; } = new();

    /// <summary>Seconds of training (excluding evaluation) per epoch run in this process.</summary>
    public List<double> EpochSeconds { get; } = new();

    /// <summary>
    /// Trains and returns the binary model. With <paramref name="outPath"/>, writes the model after each epoch; with
    /// <paramref name="checkpointPath"/>, saves a checkpoint after each epoch and, when <paramref name="resume"/> and
    /// the file exists, continues from it.
    /// </summary>
    public BnnModel Train(MnistSet train, MnistSet? test, string? outPath = null, string? checkpointPath = null, bool resume = false,
        IDictionary<string, string>? metadata = null)
    {
        var o = _options;
        train = train.Take(o.Limit);
        int threads = o.Threads > 0 ? o.Threads : Environment.ProcessorCount;
        var template = Architectures.Create(o.Arch, o.Widths, o.InputBits, new TensorShape(train.Rows, train.Cols, 1));
        int batch = Math.Min(o.BatchSize, train.Count);
        var net = new TrainingNetwork(template, batch, threads, o.Seed);
        int stepsPerEpoch = train.Count / batch;
        long totalSteps = (long)stepsPerEpoch * o.Epochs;
        int startEpoch = 0;
        long step = 0;
        string fingerprint = o.Fingerprint();
        if (resume && checkpointPath is not null && File.Exists(checkpointPath))
        {
            (startEpoch, step) = Checkpoint.Load(checkpointPath, net, fingerprint);
            _log.WriteLine($"resumed from {checkpointPath} after epoch {startEpoch}");
        }
        var levels = template.PixelLevels();
        var input = new float[batch * train.ImageSize];
        var labels = new byte[batch];
        var grad = new float[batch * net.Classes];
        int imageSize = train.ImageSize;
        var meta = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>());
        meta["train.settings"] = fingerprint;
        BnnModel model = net.Export(meta);
        for (int epoch = startEpoch; epoch < o.Epochs; epoch++)
        {
            var order = Shuffle(train.Count, o.Seed, epoch);
            var watch = Stopwatch.StartNew();
            double lossSum = 0;
            long correct = 0, seen = 0;
            int reportEvery = Math.Max(1, stepsPerEpoch / 10);
            for (int s = 0; s < stepsPerEpoch; s++, step++)
            {
                for (int b = 0; b < batch; b++)
                {
                    int img = order[s * batch + b];
                    labels[b] = train.Labels[img];
                    int src = img * imageSize, dst = b * imageSize;
                    for (int i = 0; i < imageSize; i++)
                    {
                        input[dst + i] = levels[train.Pixels[src + i]];
                    }
                }
                if (o.Perturbation is not null)
                {
                    net.SetPerturbation(o.Perturbation, step);
                }
                else if (o.TrainSigma > 0)
                {
                    net.SetNoise((float)o.TrainSigma, new GaussianNoise(unchecked((ulong)o.Seed * 0x9E3779B97F4A7C15UL + (ulong)step)));
                }
                var logits = net.Forward(input, batch, training: true);
                var (loss, ok) = TrainingNetwork.SoftmaxCrossEntropy(logits, labels, 0, batch, net.Classes, grad);
                net.Backward(grad, batch);
                double lr = o.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * step / totalSteps));
                Adam(net, lr, step + 1);
                lossSum += loss;
                correct += ok;
                seen += batch;
                if ((s + 1) % reportEvery == 0 || s + 1 == stepsPerEpoch)
                {
                    double frac = (s + 1.0) / stepsPerEpoch;
                    int bars = (int)(frac * 20);
                    _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"epoch {epoch + 1}/{o.Epochs} [{new string('#', bars)}{new string('.', 20 - bars)}] {frac * 100,3:F0}% loss " +
                            $"{lossSum / seen:F4} acc {100.0 * correct / seen:F2}% lr {lr:G3} {watch.Elapsed.TotalSeconds:F1} s"));
                }
            }
            double seconds = watch.Elapsed.TotalSeconds;
            if (Environment.GetEnvironmentVariable("BMCNN_PROFILE") == "1")
            {
                int li = 0;
                foreach (var name in net.LayerNames)
                {
                    _log.WriteLine($"  {name,-24} fwd {net.Profile[2 * li] / (double)Stopwatch.Frequency,7:F2} s  bwd " +
                        $"{net.Profile[2 * li + 1] / (double)Stopwatch.Frequency,7:F2} s");
                    li++;
                }
            }
            EpochSeconds.Add(seconds);
            model = net.Export(meta);
            double acc = double.NaN;
            if (test is not null)
            {
                var result = InferencePipeline.Software(model, threads).Evaluate(test);
                acc = result.Accuracy;
                model.Metadata["test.accuracy"] = acc.ToString("F4", CultureInfo.InvariantCulture);
                model.Metadata["test.images"] = test.Count.ToString(CultureInfo.InvariantCulture);
            }
            model.Metadata["train.epochs.done"] = (epoch + 1).ToString(CultureInfo.InvariantCulture);
            TestAccuracy.Add(acc);
            _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {epoch + 1}/{o.Epochs} done: train loss {lossSum / seen:F4} train acc {100.0 * correct / seen:F2}% test acc " +
                    $"{acc * 100:F2}% epoch time {seconds:F1} s ({seconds * 60000.0 / Math.Max(1, seen):F1} s per 60k images)"));
            if (checkpointPath is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(checkpointPath))!);
                Checkpoint.Save(checkpointPath, net, fingerprint, epoch + 1, step);
            }
            if (outPath is not null)
            {
                ModelFile.Save(model, outPath);
            }
        }
        return model;
    }

    // Stream keys of the training run: one stream per epoch's shuffle, one for the weight initialisation.
    private const long ShuffleStream = 1;

    internal static int[] Shuffle(int count, int seed, int epoch)
    {
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }
        var rng = RandomStream.For((ulong)seed, ShuffleStream, epoch);
        for (int i = count - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    private static void Adam(TrainingNetwork net, double lr, long t)
    {
        float b1 = (float)Beta1, b2 = (float)Beta2;
        float c1 = (float)(1 - Math.Pow(Beta1, t));
        float c2 = (float)(1 - Math.Pow(Beta2, t));
        float stepSize = (float)(lr / c1);
        float eps = (float)AdamEps;
        float sqrtC2 = MathF.Sqrt(c2);
        foreach (var p in net.Parameters)
        {
            var v = p.Value;
            var g = p.Grad;
            var m = p.M;
            var s = p.V;
            bool clip = p.LatentWeights;
            for (int i = 0; i < v.Length; i++)
            {
                float gi = g[i];
                float mi = m[i] = b1 * m[i] + (1 - b1) * gi;
                float si = s[i] = b2 * s[i] + (1 - b2) * gi * gi;
                float x = v[i] - stepSize * mi / (MathF.Sqrt(si) / sqrtC2 + eps);
                if (clip)
                {
                    x = Math.Clamp(x, -1f, 1f);
                }
                v[i] = x;
            }
        }
    }
}

using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Bmcnn.Tests.Network.Exchange;

/// <summary>ONNX Runtime as the outside judge: the argmax predictions of an ONNX graph for 8-bit images.</summary>
internal static class OnnxRuntimeJudge
{
    /// <summary>MNIST-like random 28×28 images: mostly background, some ink.</summary>
    public static byte[] RandomImages(int count, int seed)
    {
        var r = new Random(seed);
        var pixels = new byte[count * 784];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = r.NextDouble() < 0.6 ? (byte)0 : (byte)r.Next(256);
        }
        return pixels;
    }

    /// <summary>Runs <paramref name="count"/> images (pixel p fed as p/255, or the given levels) through the model's only input.</summary>
    public static int[] Predict(byte[] model, byte[] pixels, int count, int[] inputDims, float[]? levels = null)
    {
        using var session = new InferenceSession(model);
        int size = inputDims.Aggregate(1, (a, d) => a * d);
        var data = new float[count * size];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = levels is null ? pixels[i] / 255f : levels[pixels[i]];
        }
        var tensor = new DenseTensor<float>(data, [count, .. inputDims]);
        string name = session.InputMetadata.Keys.Single();
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(name, tensor)]);
        var logits = results.First().AsTensor<float>().ToArray();
        int classes = logits.Length / count;
        var predictions = new int[count];
        for (int i = 0; i < count; i++)
        {
            int best = 0;
            for (int c = 1; c < classes; c++)
            {
                if (logits[i * classes + c] > logits[i * classes + best])
                {
                    best = c;
                }
            }
            predictions[i] = best;
        }
        return predictions;
    }
}

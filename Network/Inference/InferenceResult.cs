namespace Bmcnn.Network.Inference;

/// <summary>The outcome of running a data set through a pipeline.</summary>
/// <param name="Mode">Kernel mode ("software", ...).</param>
/// <param name="Predictions">Predicted class per image.</param>
/// <param name="Labels">True class per image.</param>
/// <param name="Seconds">Wall-clock time of the inference (excluding data loading).</param>
public sealed record InferenceResult(string Mode, int[] Predictions, byte[] Labels, double Seconds)
{
    /// <summary>Images run.</summary>
    public int Images => Predictions.Length;

    /// <summary>Correct predictions.</summary>
    public int Correct
    {
        get
        {
            int n = 0;
            for (int i = 0; i < Predictions.Length; i++)
            {
                if (Predictions[i] == Labels[i])
                {
                    n++;
                }
            }
            return n;
        }
    }

    /// <summary>Fraction correct.</summary>
    public double Accuracy => Images == 0 ? 0 : (double)Correct / Images;
}

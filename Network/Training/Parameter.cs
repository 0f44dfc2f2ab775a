namespace Bmcnn.Network.Training;

/// <summary>A trainable array with its gradient and Adam moments. Latent binary weights are clipped to [−1, 1].</summary>
internal sealed class Parameter(string name, int size, bool latentWeights)
{
    public string Name { get; } = name;
    public float[] Value { get; } = new float[size];
    public float[] Grad { get; } = new float[size];
    public float[] M { get; } = new float[size];
    public float[] V { get; } = new float[size];
    public bool LatentWeights { get; } = latentWeights;
}

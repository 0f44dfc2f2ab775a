using Bmcnn.Circuit;

namespace Bmcnn.Network.Inference;

/// <summary>
/// A kernel could not compute one input vector of its batch (for example a circuit solve that did not converge).
/// The <see cref="InferencePipeline"/> turns <see cref="Vector"/> into the image it belongs to and reports both.
/// </summary>
public sealed class VectorFailedException : BmcnnException
{
    /// <summary>Creates the exception for vector <paramref name="vector"/> of the batch handed to the kernel.</summary>
    public VectorFailedException(int vector, string message, Exception inner) : base(message, inner)
    {
        Vector = vector;
    }

    /// <summary>Index of the failing vector in the kernel's batch.</summary>
    public int Vector { get; }
}

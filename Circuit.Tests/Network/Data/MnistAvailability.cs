using Bmcnn.Network.Data;

namespace Bmcnn.Tests.Network.Data;

/// <summary>Where the tests find MNIST without downloading it; tests that need it skip, saying why, when it is missing.</summary>
internal static class MnistAvailability
{
    /// <summary>The MNIST folder, or null when none is on this machine.</summary>
    public static string? Folder()
    {
        try
        {
            return MnistFolder.Resolve(null, allowDownload: false);
        }
        catch (Bmcnn.Circuit.BmcnnException)
        {
            return null;
        }
    }

    /// <summary>Whether MNIST is on this machine.</summary>
    public static bool Present() => Folder() is not null;
}

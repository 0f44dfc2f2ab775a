using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bmcnn.Mapping.Study;

/// <summary>
/// Derives a trial's seed from (base seed, parameter, value, mitigation, trial) with SHA-256 of a canonical text, so
/// the seed is the same on every machine, runtime and thread schedule (unlike <c>string.GetHashCode</c>), and any
/// single row of a sweep can be rerun alone.
/// </summary>
public static class TrialSeed
{
    /// <summary>The seed of one trial: a non-negative 63-bit integer.</summary>
    public static long Derive(long baseSeed, string parameter, double value, string mitigation, int trial)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"bmcnn-sweep-v1|{baseSeed}|{parameter}|{value:R}|{mitigation}|{trial}");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return (long)(BitConverter.ToUInt64(hash[..8]) & long.MaxValue);
    }
}

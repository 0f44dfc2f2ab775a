using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bmcnn.Study.Sweeps;

/// <summary>
/// Derives a trial's seed from (base seed, parameter, value, trial) with SHA-256 of a canonical text, so the seed is
/// the same on every machine, runtime and thread schedule (unlike <c>string.GetHashCode</c>), and any single row of a
/// sweep can be rerun alone. The mitigation is deliberately not part of it (seeded from value and
/// trial): trial t of every mitigation at one value programs the same device draws (common random numbers), so a
/// mitigation is compared with the baseline on the same chips and the comparison can be paired by trial, which removes
/// the chip-to-chip spread from the difference. Mitigations that change the device count (redundancy, reference
/// mapping) consume the stream differently and get other chips; pairing by trial is still valid for them.
/// </summary>
public static class TrialSeed
{
    /// <summary>The seed of one trial: a non-negative 63-bit integer.</summary>
    public static long Derive(long baseSeed, string parameter, double value, int trial)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"bmcnn-sweep-v2|{baseSeed}|{parameter}|{value:R}|{trial}");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return (long)(BitConverter.ToUInt64(hash[..8]) & long.MaxValue);
    }
}

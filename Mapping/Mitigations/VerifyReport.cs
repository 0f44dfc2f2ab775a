namespace Bmcnn.Mapping.Mitigations;

/// <summary>What program-and-verify did to one programmed network.</summary>
/// <param name="Devices">Physical devices checked.</param>
/// <param name="ExtraPulses">Re-programming pulses beyond each device's first one.</param>
/// <param name="OutOfTolerance">Devices out of tolerance after the first pulse.</param>
/// <param name="Unverified">Devices still out of tolerance when the pulse budget ran out (stuck devices, unlucky draws).</param>
public sealed record VerifyReport(long Devices, long ExtraPulses, long OutOfTolerance, long Unverified);

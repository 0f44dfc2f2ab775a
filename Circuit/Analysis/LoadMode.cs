namespace Bmcnn.Circuit.Analysis;

/// <summary>What the MNA load computes: which source values apply and whether charges are integrated.</summary>
internal enum LoadMode
{
    /// <summary>DC operating point or sweep: sources at their DC values, capacitors open, inductors shorted.</summary>
    Dc,

    /// <summary>A transient analysis's initial operating point: sources at t = 0, <c>.ic</c> nodes held.</summary>
    TransientOperatingPoint,

    /// <summary>A transient time point: sources at the time, charges integrated over the step.</summary>
    Transient,
}

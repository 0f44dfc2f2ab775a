namespace Bmcnn.Devices.Programming;

/// <summary>One write pulse as applied: the selected row, set or reset, and the selected columns (ascending).</summary>
/// <param name="Row">Selected row.</param>
/// <param name="IsSet">True for a set pulse (towards R_ON), false for a reset pulse.</param>
/// <param name="Columns">Selected columns.</param>
public sealed record AppliedPulse(int Row, bool IsSet, int[] Columns);

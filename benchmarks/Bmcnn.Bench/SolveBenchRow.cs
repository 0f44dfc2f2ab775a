namespace Bmcnn.Bench;

/// <summary>One size's <c>bench solve</c> measurements (of one program; null: this program).</summary>
/// <param name="N">Tile size (N×N crossbar).</param>
/// <param name="Nodes">Nodes of the netlist.</param>
/// <param name="Branches">Source branch currents of the solution.</param>
/// <param name="Bytes">Size of the SPICE file.</param>
/// <param name="WallSeconds">Wall time of each cold process.</param>
/// <param name="CpuSeconds">CPU time of each cold process.</param>
/// <param name="ParseMs">Warm in-process parse time.</param>
/// <param name="BuildMs">Warm in-process build time.</param>
/// <param name="SolveMs">Warm in-process operating-point time.</param>
/// <param name="OutputMs">Warm in-process JSON formatting time.</param>
/// <param name="Program">The program timed (the <c>--bmcnn</c> file), or null for this one.</param>
public sealed record SolveBenchRow(int N, int Nodes, int Branches, long Bytes, double[] WallSeconds, double[] CpuSeconds,
    double ParseMs, double BuildMs, double SolveMs, double OutputMs, string? Program = null);

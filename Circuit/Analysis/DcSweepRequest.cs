namespace Bmcnn.Circuit.Analysis;

/// <summary>
/// <c>.dc SRC START STOP STEP</c>: the operating point with the DC value of independent source <paramref name="Source"/>
/// stepped from <paramref name="Start"/> to <paramref name="Stop"/> (the step's sign must point from start to stop).
/// </summary>
public sealed record DcSweepRequest(string Source, double Start, double Stop, double Step) : AnalysisRequest
{
    /// <inheritdoc />
    public override string Kind => "dc";

    /// <summary>The swept values: start, start + step, ... up to stop (within a millionth of a step), each the previous plus the step.</summary>
    public double[] Values()
    {
        if (!double.IsFinite(Start) || !double.IsFinite(Stop) || !double.IsFinite(Step) || Step == 0 || (Stop - Start) * Step < 0)
        {
            throw new BmcnnException($".dc {Source}: the step {Step} does not lead from {Start} to {Stop}");
        }
        var count = (long)Math.Floor((Stop - Start) / Step + 1e-6) + 1;
        if (count > 10_000_000)
        {
            throw new BmcnnException($".dc {Source}: {count} points is too many");
        }
        // Accumulated as ngspice does, so both sweep the same floating-point values (-2 + 200·0.01 is not exactly 0).
        var values = new double[count];
        var value = Start;
        for (var k = 0; k < count; k++, value += Step)
        {
            values[k] = value;
        }
        return values;
    }
}

namespace Bmcnn.Circuit.Analysis;

/// <summary>
/// SPICE's step control by local truncation error of stored charge: the (order+1)-th divided difference of each charge
/// over the last order+2 time points estimates the next derivative; the step that keeps the error of the integrated
/// current within trtol times the tolerance max(abstol + reltol·|i|, reltol·max(|q|, chgtol)/h) is
/// (trtol·tol / (C·|difference|))^(1/order), with C = 1/2 for backward Euler and 1/12 for the trapezoidal rule.
/// </summary>
internal static class TruncationError
{
    /// <summary>
    /// The largest next step the point just solved (age 0 of <paramref name="state"/>) allows at <paramref name="order"/>,
    /// at most twice <paramref name="steps"/>[0]; <paramref name="steps"/>[k] is the step that ended at age k.
    /// </summary>
    public static double LargestStep(IntegrationState state, ReadOnlySpan<double> steps, int order, TransientOptions options) =>
        LargestStep(state, steps, order, options, out _);

    /// <summary>
    /// <see cref="LargestStep(IntegrationState, ReadOnlySpan{double}, int, TransientOptions)"/>, with the slot that limits
    /// it (−1 if none).
    /// </summary>
    public static double LargestStep(IntegrationState state, ReadOnlySpan<double> steps, int order, TransientOptions options, out int limiting)
    {
        limiting = -1;
        var (relTol, absTol) = (options.Dc.RelTol, options.Dc.AbsTol);
        var step = steps[0];
        var largest = 2 * step;
        var factor = order == 1 ? 0.5 : 1.0 / 12;
        Span<double> difference = stackalloc double[IntegrationState.Depth];
        Span<double> span = stackalloc double[IntegrationState.Depth];
        for (var slot = 0; slot < state.Slots; slot++)
        {
            var (q0, q1) = (state.Charge(0)[slot], state.Charge(1)[slot]);
            var currentTolerance = absTol + relTol * Math.Max(Math.Abs(state.Flow(0)[slot]), Math.Abs(state.Flow(1)[slot]));
            var chargeTolerance = relTol * Math.Max(Math.Max(Math.Abs(q0), Math.Abs(q1)), options.ChgTol) / step;
            var tolerance = Math.Max(currentTolerance, chargeTolerance);
            for (var k = 0; k <= order + 1; k++)
            {
                difference[k] = state.Charge(k)[slot];
                span[k] = 0;
            }
            // Divided differences, level by level: level l divides by t(age k) - t(age k + l).
            for (var level = 1; level <= order + 1; level++)
            {
                for (var k = 0; k <= order + 1 - level; k++)
                {
                    span[k] += steps[k + level - 1];
                    difference[k] = (difference[k] - difference[k + 1]) / span[k];
                }
            }
            var allowed = options.TrTol * tolerance / Math.Max(absTol, factor * Math.Abs(difference[0]));
            if (order == 2)
            {
                allowed = Math.Sqrt(allowed);
            }
            if (allowed < largest)
            {
                largest = allowed;
                limiting = slot;
            }
        }
        return largest;
    }
}

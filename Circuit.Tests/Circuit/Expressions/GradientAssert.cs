using Bmcnn.Circuit.Expressions;

namespace Bmcnn.Tests.Circuit.Expressions;

/// <summary>Checks a compiled expression's gradient against central finite differences.</summary>
internal static class GradientAssert
{
    /// <summary>
    /// Asserts that each gradient entry at <paramref name="x"/> matches (f(x+h) − f(x−h)) / 2h within 1e-6 relative;
    /// returns the gradient.
    /// </summary>
    public static double[] MatchesFiniteDifferences(CompiledExpression compiled, double[] x, string label)
    {
        var gradient = new double[compiled.Unknowns.Count];
        var value = compiled.Evaluate(x, gradient);
        Assert.Equal(compiled.Evaluate(x), value, 15);
        for (var k = 0; k < gradient.Length; k++)
        {
            var unknown = compiled.Unknowns[k];
            const double h = 1e-6;
            var up = (double[])x.Clone();
            var down = (double[])x.Clone();
            up[unknown] += h;
            down[unknown] -= h;
            var fd = (compiled.Evaluate(up) - compiled.Evaluate(down)) / (2 * h);
            Assert.True(Math.Abs(fd - gradient[k]) <= 1e-6 * Math.Max(1, Math.Abs(fd)),
                $"{label}: d/dx{unknown} finite difference {fd:R}, gradient {gradient[k]:R}");
        }
        return gradient;
    }
}

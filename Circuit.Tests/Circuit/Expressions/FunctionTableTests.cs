using Bmcnn.Circuit.Expressions;

namespace Bmcnn.Tests.Circuit.Expressions;

/// <summary>Every function of the one table: ngspice's values, and exact derivatives for the Newton Jacobian.</summary>
public class FunctionTableTests
{
    private static readonly (double A, double B)[] Points = [(0.37, -0.21), (-0.63, 0.45), (1.37, 0.8), (2.2, -1.6)];

    /// <summary>A call of the function with node-voltage arguments, for every arity.</summary>
    internal static string CallWithVoltages(string name, int arity) => arity switch
    {
        1 => $"{name}(V(a))",
        2 => $"{name}(V(a), V(b))",
        3 => $"{name}(V(a), V(b), V(a)*V(b))",
        _ => $"{name}(V(a), V(b), 0.5*V(a)+0.1)",
    };

    public static TheoryData<string> Functions()
    {
        var data = new TheoryData<string>();
        foreach (var entry in FunctionTable.All)
        {
            data.Add(entry.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void When_function_gradient_is_taken_Expect_central_finite_differences(string name)
    {
        Assert.True(FunctionTable.TryGet(name, out var operation, out var arity));
        var text = CallWithVoltages(name, arity);
        var compiled = Expression.Parse(text).Compile(n => n == "a" ? 0 : 1);
        var checkedPoints = 0;
        foreach (var (a, b) in Points)
        {
            if (!double.IsFinite(compiled.Evaluate([a, b])))
            {
                continue;
            }
            checkedPoints++;
            var gradient = GradientAssert.MatchesFiniteDifferences(compiled, [a, b], $"{text} at ({a}, {b})");
            if (operation is Operation.Floor or Operation.Ceiling or Operation.Truncate or Operation.Round
                or Operation.RoundEven or Operation.Step or Operation.Sign)
            {
                Assert.All(gradient, g => Assert.Equal(0.0, g));
            }
        }
        Assert.True(checkedPoints > 0, $"{text} is not finite at any test point");
    }

    // Values ngspice 39 prints for the same text (.param and B-source agree where both know the function); atan2 and
    // round, which ngspice lacks, follow C's atan2 and round.
    [Theory]
    [InlineData("floor(-2.5)", -3)]
    [InlineData("ceil(-2.5)", -2)]
    [InlineData("int(-2.7)", -2)]
    [InlineData("int(2.7)", 2)]
    [InlineData("nint(2.5)", 2)]
    [InlineData("nint(-2.5)", -2)]
    [InlineData("nint(1.5)", 2)]
    [InlineData("nint(0.5)", 0)]
    [InlineData("round(2.5)", 3)]
    [InlineData("round(-2.5)", -3)]
    [InlineData("sgn(-3)+sign(0)", -1)]
    [InlineData("u(0)+u2(0.3)+uramp(-1)+uramp(2)", 2.8)]
    [InlineData("asin(0.5)", 0.52359877559829882)]
    [InlineData("acos(0.5)", 1.0471975511965979)]
    [InlineData("atan2(1, 2)", 0.46364760900080609)]
    [InlineData("atan2(1, -1)", 2.3561944901923448)]
    [InlineData("arctan(1)", 0.78539816339744828)]
    [InlineData("asinh(1)+acosh(2)*10+atanh(0.5)*100", 68.981566989673183)]
    [InlineData("(-2)^3 + pow(-2,3) + pwr(-2,3)", 8)]
    [InlineData("min(3, -1, 2) + max(4) + max(1, 7, 5)", 10)]
    [InlineData("(1<2)?3:4", 3)]
    [InlineData("ternary_fcn(0, 3, 4)", 4)]
    [InlineData("1 ? 2 : 0 ? 3 : 4", 2)]
    [InlineData("(2 > 1 && 1 >= 1) + (1 < 0 || 0 <= 0)*2 + (1 == 1)*4 + (1 != 1)*8 + !0*16 + !3*32", 23)]
    [InlineData("1 + 2 < 4", 1)]
    [InlineData("{2*pi} + '1'", 2 * Math.PI + 1)]
    public void When_function_is_evaluated_Expect_ngspice_value(string text, double expected) =>
        Assert.Equal(expected, Expression.Parse(text).Evaluate(_ => 0), 12);
}

using Bmcnn.Circuit.Expressions;

namespace Bmcnn.Tests.Circuit.Expressions;

public class ExpressionTests
{
    private static double Eval(string text, double a = 0.3, double b = -0.2) =>
        Expression.Parse(text).Evaluate(n => n switch { "a" => a, "b" => b, _ => throw new KeyNotFoundException(n) });

    [Theory]
    [InlineData("1k", 1e3)]
    [InlineData("2.5meg", 2.5e6)]
    [InlineData("1e-3", 1e-3)]
    [InlineData("3m", 3e-3)]
    [InlineData("4u", 4e-6)]
    [InlineData("5n", 5e-9)]
    [InlineData("6p", 6e-12)]
    [InlineData("7f", 7e-15)]
    [InlineData("8g", 8e9)]
    [InlineData("9t", 9e12)]
    [InlineData("10kohm", 1e4)]
    [InlineData(".5", 0.5)]
    [InlineData("1.5E+2", 150)]
    [InlineData("1+2*3", 7)]
    [InlineData("(1+2)*3", 9)]
    [InlineData("2^3^2", 64)]
    [InlineData("2**3", 8)]
    [InlineData("-2^2", -4)]
    [InlineData("2^-1", 0.5)]
    [InlineData("8/4/2", 1)]
    [InlineData("10-4-3", 3)]
    [InlineData("pow(-2,3)", 8)]
    [InlineData("pwr(-2,3)", -8)]
    [InlineData("u(-1)+10*u(0)+100*u(2)", 105)]
    [InlineData("min(3,-4)+max(3,-4)", -1)]
    [InlineData("abs(-3)+sqrt(16)", 7)]
    [InlineData("ln(exp(2))+log(1)", 2)]
    [InlineData("log10(1000)", 3)]
    [InlineData("{2*pi}", 2 * Math.PI)]
    [InlineData("'1+1'", 2)]
    public void When_ConstantExpressionParsed_Expect_SpiceValue(string text, double expected) =>
        Assert.Equal(expected, Eval(text), 12);

    [Fact]
    public void When_VoltagesRead_Expect_NodeDifferences()
    {
        Assert.Equal(0.5, Eval("V(a,b)"), 15);
        Assert.Equal(0.3, Eval("v(A)"), 15);
        Assert.Equal(-0.2, Eval("V(b, 0)"), 15);
        Assert.Equal(0.3, Eval("V(a,gnd)"), 15);
        Assert.Equal(1e-4 * Math.Sinh(0.5 / 0.25), Eval("1e-4*sinh(V(a,b)/0.25)"), 15);
        Assert.Equal(new[] { "a", "b" }, Expression.Parse("V(A)*V(b,a)+V(b)").Nodes);
    }

    [Theory]
    [InlineData("1e-4*sinh(V(a,b)/0.25)")]
    [InlineData("0.8*tanh(50*(V(a)-V(b)))")]
    [InlineData("V(a)^3 - 2*V(a,b)**2 + pow(V(b),2.5) + pwr(V(b),1.5)")]
    [InlineData("exp(V(a))*cosh(V(b)) / (1 + V(a)*V(a)) - ln(2+V(b)) + log10(3+V(a))")]
    [InlineData("sqrt(1+V(a)^2) + abs(V(b)) + sin(V(a))*cos(V(b)) + tan(V(a)) + atan(3*V(b))")]
    [InlineData("min(V(a),V(b)) + max(2*V(a),V(b)) + u(V(a))*V(b) - -V(a)")]
    [InlineData("V(a,b)/V(b,a) + V(a)/(V(b)-1)")]
    public void When_GradientEvaluated_Expect_FiniteDifferences(string text)
    {
        var e = Expression.Parse(text);
        var compiled = e.Compile(n => n == "a" ? 0 : 1);
        Assert.Equal(new[] { 0, 1 }, compiled.Unknowns.OrderBy(i => i));
        GradientAssert.MatchesFiniteDifferences(compiled, [0.37, -0.21], text);
    }

    [Theory]
    [InlineData("1e-4*sinh(V(a,b)/0.25)")]
    [InlineData("-V(a)^2 - (-V(b))^2 + 2^3^2 + 2^(3^2) + (-2)^2")]
    [InlineData("1-(2-3) - (4+5) + 6*(7/8) / (9*10) + 2/(3/4)")]
    [InlineData("-(V(a)+1)*-V(b) + --3 + pow(V(a),-1) + pwr(-V(b), 2) + min(1, max(2, 3)) + u(-V(a))")]
    [InlineData("0.8*tanh(50*(V(a)-V(b))) + 1.2345678901234567e-300 + 3meg + pi")]
    [InlineData("log(V(a)+1) + ln(2) + log10(4) + sgn(-V(b))")]
    [InlineData("V(a)<1 ? -V(b) : !(V(a)>=2) && V(b)!=0 || V(a)==1")]
    [InlineData("(V(a) > 0 ? 1 : 2) ? V(b) : (V(a) ? 3 : 4)")]
    [InlineData("floor(V(a))+atan2(V(a),V(b))*nint(V(b))-int(V(a))+round(V(b))+ceil(-V(a))")]
    [InlineData("-(V(a) < V(b)) + !V(a)^2 + (1 + 2 < 4) * (V(a) <= 1 == 1)")]
    [InlineData("min(V(a), V(b), 1) + max(V(a)) + ternary_fcn(V(a) > 0, 1, 2) + asinh(V(a)) + u2(V(b)) + uramp(V(a))")]
    public void When_RenderedAndParsedBack_Expect_SameTextAndValue(string text)
    {
        var e = Expression.Parse(text);
        var rendered = e.ToString();
        var again = Expression.Parse(rendered);
        Assert.Equal(rendered, again.ToString());
        Assert.Equal(Eval(text), Eval(rendered), 15);
    }

    [Fact]
    public void When_NodesRenamed_Expect_PrefixedNodesAndGroundKept()
    {
        var e = Expression.Parse("V(m, 0) + V(n)").RenameNodes(n => "x1." + n);
        Assert.Equal("V(x1.m)+V(x1.n)", e.ToString());
    }

    [Theory]
    [InlineData("(1+2", "unbalanced parentheses")]
    [InlineData("1+2)", "unbalanced parentheses")]
    [InlineData("sinh(V(a)", "unbalanced parentheses")]
    [InlineData("foo(1)", "unknown function 'foo'")]
    [InlineData("1.2.3", "unexpected '.'")]
    [InlineData("2e", "bad number")]
    [InlineData("1e999", "bad number")]
    [InlineData("", "empty expression")]
    [InlineData("1+", "unexpected end")]
    [InlineData("x+1", "unknown name 'x'")]
    [InlineData("V()", "missing node name")]
    [InlineData("atan2(1)", "takes 2 arguments, got 1")]
    [InlineData("min()", "takes one or more arguments")]
    [InlineData("1 = 2", "unexpected '='")]
    [InlineData("I(v1)", "not supported")]
    public void When_TextIsMalformed_Expect_FormatExceptionNamingTheProblem(string text, string fragment)
    {
        var error = Assert.Throws<FormatException>(() => Expression.Parse(text));
        Assert.Contains(fragment, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void When_EvaluatedRepeatedly_Expect_NoAllocation()
    {
        var compiled = Expression.Parse("1e-4*sinh(V(a,b)/0.25) + tanh(V(a))").Compile(n => n == "a" ? 0 : 1);
        var x = new[] { 0.1, 0.2 };
        var g = new double[2];
        compiled.Evaluate(x, g);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            x[0] = i * 1e-3;
            compiled.Evaluate(x, g);
        }
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}

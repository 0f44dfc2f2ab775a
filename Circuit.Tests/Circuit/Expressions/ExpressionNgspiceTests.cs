using Bmcnn.Circuit;
using Bmcnn.Circuit.Analysis;
using Bmcnn.Circuit.Elements;
using Bmcnn.Circuit.Expressions;
using Bmcnn.Netlists;

namespace Bmcnn.Tests.Circuit.Expressions;

/// <summary>Our reading of SPICE expression text (operators, precedence, functions) is ngspice's.</summary>
public class ExpressionNgspiceTests
{
    private static readonly string[] Cases =
    [
        "-V(a)^2 + 2^3^2 - 2**-1",
        "pow(V(b)-1, 3) + pwr(V(b)-1, 3) + (V(b)-1)^2",
        "pwr(V(a)+1, 2.5) - pow(V(a)+1, 0.5)",
        "u(V(b)) + 10*u(V(a)) + min(V(a), V(b)) - max(V(a), 2*V(b))",
        "ln(V(a)+1) + log(V(a)+2) + log10(V(a)+3) + exp(V(b)) + sqrt(V(a)+1)",
        "sinh(V(a,b)/0.25)*1e-4k + cosh(V(b)) - tanh(3*V(a)) + atan(V(b)) + sin(V(a))*cos(V(b)) + tan(V(a))",
        "abs(V(b)) + sgn(V(b)) + 2.5meg*1p + pi/4 - 8/4/2 + 10-4-3",
        "-(V(a)+1)*-V(b) / (1 + V(a)*V(a))",
    ];

    [SkippableFact]
    public void When_ExpressionsRunInNgspice_Expect_OurValues()
    {
        Skip.IfNot(NgspiceRunner.IsAvailable,
            "ngspice is not installed (apt-get install -y ngspice); this test compares expression semantics with it");
        var net = new Netlist("expression semantics");
        net.Add(new VoltageSource("va", "a", "0", 0.37));
        net.Add(new VoltageSource("vb", "b", "0", -0.21));
        for (var k = 0; k < Cases.Length; k++)
        {
            var expression = Expression.Parse(Cases[k]);
            net.Add(new BehavioralSource($"b{k}", $"o{k}", "0", BehavioralKind.Voltage, expression));
            net.Add(new Resistor($"r{k}", $"o{k}", "0", 1e3));
        }
        var reference = NgspiceRunner.Run(net);
        var ours = new DcOperatingPoint(net).Solve();
        for (var k = 0; k < Cases.Length; k++)
        {
            var expected = Expression.Parse(Cases[k]).Evaluate(n => n == "a" ? 0.37 : -0.21);
            var theirs = reference.NodeVoltages[$"o{k}"];
            Assert.True(Math.Abs(expected - theirs) <= 1e-9 * Math.Max(1, Math.Abs(theirs)), $"{Cases[k]}: ours {expected:R}, ngspice {theirs:R}");
            Assert.Equal(expected, ours.Voltage($"o{k}"), 12);
        }
    }
}

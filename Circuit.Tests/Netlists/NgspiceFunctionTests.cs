using Bmcnn.Circuit.Analysis;
using Bmcnn.Netlists;
using Xunit.Abstractions;

namespace Bmcnn.Tests.Netlists;

/// <summary>
/// The functions of the one expression table against ngspice 39, each where ngspice knows it: rounding, inverse
/// trigonometric and hyperbolic functions, steps, comparisons, logic and <c>?:</c> in <c>.param</c> values and in
/// B-sources, two of them in nonlinear loops that Newton must solve with their derivatives.
/// </summary>
public class NgspiceFunctionTests(ITestOutputHelper log)
{
    private const string Deck = """
        functions both ways
        .param k = {int(7.9)/nint(3.5)}
        .param fl = {floor(-1.5) + ceil(1.2)*3 + int(-2.7)}
        .param th = {asin(0.5) + acos(0.25)}
        .param sel = {th > 1 ? 2 : 3}
        .param lg = {(k > 1 && th < 3) + (k < 1 || th > 1)*2 + !(k > 1)*4}
        va a 0 0.37
        vb b 0 -0.21
        b1 o1 0 V=asin(V(a)) + acos(V(b)) + atan(V(a))
        r1 o1 0 1k
        b2 o2 0 V=floor(5*V(a)) + ceil(5*V(b)) + nint(7*V(a)) + sgn(V(b))
        r2 o2 0 1k
        b3 o3 0 V=u(V(a)) + uramp(V(b)+0.5) + u2(V(a)*2)
        r3 o3 0 1k
        b4 o4 0 V=asinh(V(a)) + acosh(2-V(b)) + atanh(V(b))
        r4 o4 0 1k
        b5 o5 0 V=V(a) > V(b) ? k*V(a) : sel
        r5 o5 0 1k
        b6 o6 0 V=(V(a) > 0 && V(b) < 0) + (V(a) < 0 || V(b) > 1)*2 + (V(a) >= V(b))*4 + (V(a) <= V(b))*8 + (V(a) != V(b))*16
        r6 o6 0 1k
        b7 0 n I=1m*(asinh(V(n)) + floor(3*V(a)) + 1)
        r7 n 0 1k
        b8 0 m I=1m*(acos(0.3*V(m)) + uramp(V(m)-0.5))
        r8 m 0 1k
        vp p 0 {fl + lg}
        rp p 0 {sel*1k}

        """;

    [SkippableFact]
    public void When_new_functions_run_in_ngspice_Expect_agreement()
    {
        Skip.IfNot(NgspiceRunner.IsAvailable, "ngspice is not installed (apt-get install -y ngspice); this test compares function semantics with it");
        var ours = new DcOperatingPoint(SpiceReader.Read(Deck, "functions.cir").Netlist).Solve();
        var reference = NgspiceRunner.RunDeck(Deck + SpiceWriter.Footer(SpiceDialect.Ngspice));
        var comparison = NgspiceComparison.Compare(ours, reference);
        log.WriteLine(comparison.ToString());
        Assert.Empty(comparison.Missing);
        Assert.Equal(11, comparison.VoltageCount);
        Assert.InRange(comparison.LargestRelativeDifference, 0, 1e-9);
        Assert.Equal(5.0, ours.Voltage("p"), 15);
        Assert.Equal(0.6475, ours.Voltage("o5"), 15);
    }
}

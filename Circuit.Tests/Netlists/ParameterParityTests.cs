using System.Globalization;
using System.Text;
using Bmcnn.Circuit.Analysis;
using Bmcnn.Circuit.Elements;
using Bmcnn.Circuit.Expressions;
using Bmcnn.Netlists;

namespace Bmcnn.Tests.Netlists;

/// <summary>
/// One function table for both kinds of expression: every function, evaluated as a <c>.param</c> value and as a
/// B-source <c>V=f(const)</c> solved by the engine, gives the same number.
/// </summary>
public class ParameterParityTests
{
    private static readonly double[] Unary = [-2.5, -0.7, 0, 0.3, 0.5, 1.5, 2.5];
    private static readonly double[][] Binary = [[1.5, 2], [-2, 3], [0.3, -0.7], [-2, 0.5], [0, 0]];
    private static readonly double[][] Ternary = [[1, 2, 3], [0, 2, 3]];
    private static readonly double[][] Variadic = [[0.3], [0.3, -0.7], [2, -1, 5]];

    private static IEnumerable<string> Calls()
    {
        foreach (var (name, _, arity) in FunctionTable.All)
        {
            var argumentLists = arity switch
            {
                1 => Unary.Select(x => new[] { x }).ToArray(),
                2 => Binary,
                3 => Ternary,
                _ => Variadic,
            };
            foreach (var args in argumentLists)
            {
                yield return $"{name}({string.Join(",", args.Select(a => a.ToString("R", CultureInfo.InvariantCulture)))})";
            }
        }
    }

    [Fact]
    public void When_every_function_is_a_param_and_a_behavioral_source_Expect_identical_values()
    {
        var calls = Calls().Where(c => double.IsFinite(Expression.Parse(c).Evaluate(_ => 0))).ToList();
        var deck = new StringBuilder("every function both ways\n");
        for (var k = 0; k < calls.Count; k++)
        {
            deck.Append(CultureInfo.InvariantCulture, $".param p{k} = {{{calls[k]}}}\n");
            deck.Append(CultureInfo.InvariantCulture, $"v{k} p{k} 0 {{p{k}}}\n");
            deck.Append(CultureInfo.InvariantCulture, $"b{k} q{k} 0 V={calls[k]}\n");
            deck.Append(CultureInfo.InvariantCulture, $"r{k} q{k} 0 1k\n");
        }
        var netlist = SpiceReader.Read(deck.ToString(), "parity.cir").Netlist;
        var op = new DcOperatingPoint(netlist).Solve();
        var names = calls.Select(c => c[..c.IndexOf('(')]).ToHashSet();
        Assert.Equal(FunctionTable.All.Select(e => e.Name).ToHashSet(), names);
        for (var k = 0; k < calls.Count; k++)
        {
            // The .param value, and the B-source expression evaluated at the operating point: bit-identical.
            var asParameter = Assert.IsType<VoltageSource>(netlist.Find($"v{k}")).Voltage;
            var asSource = Assert.IsType<BehavioralSource>(netlist.Find($"b{k}")).Expression.Evaluate(op.Voltage);
            Assert.True(asParameter.Equals(asSource), $"{calls[k]}: .param {asParameter:R}, B-source {asSource:R}");
            // Both solved node voltages carry that value (up to the last bit of the linear solve).
            var tolerance = 4e-16 * Math.Max(1, Math.Abs(asSource));
            Assert.True(Math.Abs(op.Voltage($"p{k}") - asSource) <= tolerance, $"{calls[k]}: V(p{k}) = {op.Voltage($"p{k}"):R}");
            Assert.True(Math.Abs(op.Voltage($"q{k}") - asSource) <= tolerance, $"{calls[k]}: V(q{k}) = {op.Voltage($"q{k}"):R}");
        }
    }

    [Theory]
    [InlineData("{1e300*1e300}", "bad expression")]
    [InlineData("{V(a)}", "V(...) is not allowed in a parameter value")]
    [InlineData("{atan2(1)}", "function 'atan2' takes 2 arguments, got 1")]
    [InlineData("{sqrt(-1)}", "value is NaN")]
    public void When_param_expression_is_wrong_Expect_one_line_error_naming_file_and_line(string value, string fragment)
    {
        var ex = Assert.Throws<Bmcnn.Circuit.BmcnnException>(() => SpiceReader.Read($"t\nV1 a 0 1\n.param p = {value}\nR1 a 0 {{p}}\n", "bad.cir"));
        Assert.StartsWith("bad.cir:3: ", ex.Message);
        Assert.Contains(fragment, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }
}

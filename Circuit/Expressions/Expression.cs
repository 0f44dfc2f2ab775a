using System.Globalization;

namespace Bmcnn.Circuit.Expressions;

/// <summary>
/// A SPICE behavioral-source expression (the right-hand side of <c>B1 p n I=...</c> or <c>V=...</c>): numbers with
/// SI suffixes, node voltages <c>V(a)</c> and <c>V(a,b)</c>, arithmetic, and the usual functions. An expression is an
/// immutable tree; <see cref="Compile"/> turns it into an allocation-free evaluator of the value and its partial
/// derivatives with respect to the node voltages it reads (for the Newton Jacobian).
/// </summary>
public abstract class Expression
{
    private protected Expression() { }

    /// <summary>Parses SPICE expression text (case-insensitive; surrounding braces or quotes are allowed).</summary>
    /// <exception cref="FormatException">With a one-line message naming the problem and its column.</exception>
    public static Expression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ExpressionParser(text).ParseAll();
    }

    /// <summary>A constant.</summary>
    public static Expression Constant(double value) =>
        double.IsFinite(value) ? new ConstantExpression(value) : throw new ArgumentOutOfRangeException(nameof(value), "constant must be finite");

    /// <summary>The voltage V(plus) − V(minus); pass ground (<c>0</c>) as minus for a single node voltage.</summary>
    public static Expression Voltage(string plus, string minus = "0") => new VoltageExpression(plus, minus);

    /// <summary>The distinct non-ground node names the expression reads, lowercase, in order of first appearance.</summary>
    public IReadOnlyList<string> Nodes
    {
        get
        {
            var list = new List<string>();
            CollectNodes(list);
            return list;
        }
    }

    /// <summary>A copy whose node names are mapped through <paramref name="rename"/> (subcircuit flattening).</summary>
    public abstract Expression RenameNodes(Func<string, string> rename);

    /// <summary>
    /// Compiles the expression against unknown indices: <paramref name="nodeIndex"/> maps a node name to its index in
    /// the solution vector, or −1 for ground. Unknown nodes should throw from the mapping.
    /// </summary>
    public CompiledExpression Compile(Func<string, int> nodeIndex)
    {
        ArgumentNullException.ThrowIfNull(nodeIndex);
        var builder = new TapeBuilder(nodeIndex);
        Emit(builder);
        return builder.Finish();
    }

    /// <summary>Evaluates the value for the given node voltages (ground is 0); convenient, not for hot loops.</summary>
    public double Evaluate(Func<string, double> nodeVoltage)
    {
        ArgumentNullException.ThrowIfNull(nodeVoltage);
        var nodes = Nodes;
        var compiled = Compile(n => Netlist.IsGround(n) ? -1 : IndexOf(nodes, n));
        var x = new double[nodes.Count];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = nodeVoltage(nodes[i]);
        }
        return compiled.Evaluate(x);
    }

    /// <summary>Renders valid SPICE expression text that <see cref="Parse"/> reads back to the same expression.</summary>
    public sealed override string ToString()
    {
        var text = new System.Text.StringBuilder();
        Render(text);
        return text.ToString();
    }

    /// <summary>
    /// Binding strength for rendering: −4 conditional, −3 ||, −2 &amp;&amp;, −1 == !=, 0 &lt; &lt;= &gt; &gt;=, 1 additive,
    /// 2 multiplicative, 3 unary minus and !, 4 power, 5 atoms.
    /// </summary>
    internal abstract int Precedence { get; }

    internal abstract void Render(System.Text.StringBuilder text);

    internal abstract void Emit(TapeBuilder tape);

    internal abstract void CollectNodes(List<string> nodes);

    internal static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static int IndexOf(IReadOnlyList<string> nodes, string node)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i] == node)
            {
                return i;
            }
        }
        throw new InvalidOperationException($"node '{node}' not collected");
    }
}

using System.Text;

namespace Bmcnn.Circuit.Expressions;

/// <summary>A node voltage V(plus) or a voltage difference V(plus, minus); ground is <c>0</c>.</summary>
internal sealed class VoltageExpression : Expression
{
    public VoltageExpression(string plus, string minus)
    {
        Plus = CanonicalNode(plus);
        Minus = CanonicalNode(minus);
    }

    public string Plus { get; }

    public string Minus { get; }

    internal override int Precedence => 5;

    public override Expression RenameNodes(Func<string, string> rename) =>
        new VoltageExpression(Plus == "0" ? "0" : rename(Plus), Minus == "0" ? "0" : rename(Minus));

    internal override void Render(StringBuilder text)
    {
        text.Append("V(").Append(Plus);
        if (Minus != "0")
        {
            text.Append(',').Append(Minus);
        }
        text.Append(')');
    }

    internal override void Emit(TapeBuilder tape) => tape.AddVoltage(Plus, Minus);

    internal override void CollectNodes(List<string> nodes)
    {
        if (Plus != "0" && !nodes.Contains(Plus))
        {
            nodes.Add(Plus);
        }
        if (Minus != "0" && !nodes.Contains(Minus))
        {
            nodes.Add(Minus);
        }
    }

    private static string CanonicalNode(string node)
    {
        if (string.IsNullOrWhiteSpace(node) || node.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or ','))
        {
            throw new FormatException($"invalid node name '{node}' in V()");
        }
        return Netlist.Canonical(node);
    }
}

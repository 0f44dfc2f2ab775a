using System.Text;

namespace Bmcnn.Circuit.Expressions;

/// <summary>Unary minus, logical not (<c>!</c>) or a one-argument function.</summary>
internal sealed class UnaryExpression(Operation operation, Expression operand) : Expression
{
    public Operation Operation { get; } = operation;

    public Expression Operand { get; } = operand;

    internal override int Precedence => Operation is Operation.Negate or Operation.Not ? 3 : 5;

    public override Expression RenameNodes(Func<string, string> rename) =>
        new UnaryExpression(Operation, Operand.RenameNodes(rename));

    internal override void Render(StringBuilder text)
    {
        if (Operation is Operation.Negate or Operation.Not)
        {
            text.Append(Operation == Operation.Negate ? '-' : '!');
            RenderChild(text, Operand, Operand.Precedence < 4);
            return;
        }
        text.Append(FunctionTable.NameOf(Operation)).Append('(');
        Operand.Render(text);
        text.Append(')');
    }

    internal override void Emit(TapeBuilder tape)
    {
        var a = tape.Emit(Operand);
        tape.Add(Operation, a, -1, 0);
    }

    internal override void CollectNodes(List<string> nodes) => Operand.CollectNodes(nodes);

    internal static void RenderChild(StringBuilder text, Expression child, bool parenthesize)
    {
        if (parenthesize)
        {
            text.Append('(');
        }
        child.Render(text);
        if (parenthesize)
        {
            text.Append(')');
        }
    }
}

using System.Text;

namespace Bmcnn.Circuit.Expressions;

/// <summary>
/// A binary operator (+ − * / ^, comparisons, &amp;&amp; ||) or a two-argument function (min, max, pow, pwr, atan2).
/// </summary>
internal sealed class BinaryExpression(Operation operation, Expression left, Expression right, bool asFunction) : Expression
{
    public Operation Operation { get; } = operation;

    public Expression Left { get; } = left;

    public Expression Right { get; } = right;

    /// <summary>True when written as <c>pow(a,b)</c> rather than <c>a^b</c> (kept so text round-trips).</summary>
    public bool AsFunction { get; } = asFunction;

    internal override int Precedence => AsFunction ? 5 : Operation switch
    {
        Operation.Or => -3,
        Operation.And => -2,
        Operation.Equal or Operation.NotEqual => -1,
        Operation.Less or Operation.LessEqual or Operation.Greater or Operation.GreaterEqual => 0,
        Operation.Add or Operation.Subtract => 1,
        Operation.Multiply or Operation.Divide => 2,
        _ => 4,
    };

    public override Expression RenameNodes(Func<string, string> rename) =>
        new BinaryExpression(Operation, Left.RenameNodes(rename), Right.RenameNodes(rename), AsFunction);

    internal override void Render(StringBuilder text)
    {
        if (AsFunction)
        {
            text.Append(FunctionTable.NameOf(Operation)).Append('(');
            Left.Render(text);
            text.Append(',');
            Right.Render(text);
            text.Append(')');
            return;
        }
        var p = Precedence;
        // Unary minus operands are always parenthesized: unambiguous for every SPICE dialect.
        UnaryExpression.RenderChild(text, Left, Left.Precedence < p || (p == 4 && Left.Precedence == 3));
        text.Append(Operation switch
        {
            Operation.Add => "+",
            Operation.Subtract => "-",
            Operation.Multiply => "*",
            Operation.Divide => "/",
            Operation.Or => "||",
            Operation.And => "&&",
            Operation.Equal => "==",
            Operation.NotEqual => "!=",
            Operation.Less => "<",
            Operation.LessEqual => "<=",
            Operation.Greater => ">",
            Operation.GreaterEqual => ">=",
            _ => "^",
        });
        var right = Right.Precedence;
        UnaryExpression.RenderChild(text, Right, p == 4 ? right < 5 : right <= p || right == 3);
    }

    internal override void Emit(TapeBuilder tape)
    {
        var a = tape.Emit(Left);
        var b = tape.Emit(Right);
        tape.Add(Operation, a, b, 0);
    }

    internal override void CollectNodes(List<string> nodes)
    {
        Left.CollectNodes(nodes);
        Right.CollectNodes(nodes);
    }
}

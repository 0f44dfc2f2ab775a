using System.Text;

namespace Bmcnn.Circuit.Expressions;

/// <summary><c>condition ? whenTrue : whenFalse</c>, also written <c>ternary_fcn(condition, whenTrue, whenFalse)</c>.</summary>
internal sealed class ConditionalExpression(Expression condition, Expression whenTrue, Expression whenFalse) : Expression
{
    /// <summary>The loosest binding strength: a conditional is parenthesized wherever it is an operand.</summary>
    internal const int ConditionalPrecedence = -4;

    public Expression Condition { get; } = condition;

    public Expression WhenTrue { get; } = whenTrue;

    public Expression WhenFalse { get; } = whenFalse;

    internal override int Precedence => ConditionalPrecedence;

    public override Expression RenameNodes(Func<string, string> rename) =>
        new ConditionalExpression(Condition.RenameNodes(rename), WhenTrue.RenameNodes(rename), WhenFalse.RenameNodes(rename));

    internal override void Render(StringBuilder text)
    {
        UnaryExpression.RenderChild(text, Condition, Condition.Precedence <= ConditionalPrecedence);
        text.Append('?');
        UnaryExpression.RenderChild(text, WhenTrue, WhenTrue.Precedence <= ConditionalPrecedence);
        text.Append(':');
        UnaryExpression.RenderChild(text, WhenFalse, WhenFalse.Precedence <= ConditionalPrecedence);
    }

    internal override void Emit(TapeBuilder tape)
    {
        var c = tape.Emit(Condition);
        var a = tape.Emit(WhenTrue);
        var b = tape.Emit(WhenFalse);
        tape.AddSelect(c, a, b);
    }

    internal override void CollectNodes(List<string> nodes)
    {
        Condition.CollectNodes(nodes);
        WhenTrue.CollectNodes(nodes);
        WhenFalse.CollectNodes(nodes);
    }
}

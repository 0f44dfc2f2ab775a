using System.Text;

namespace Bmcnn.Circuit.Expressions;

/// <summary>A numeric constant.</summary>
internal sealed class ConstantExpression(double value) : Expression
{
    public double Value { get; } = value;

    internal override int Precedence => Value < 0 ? 3 : 5;

    public override Expression RenameNodes(Func<string, string> rename) => this;

    internal override void Render(StringBuilder text) => text.Append(FormatNumber(Value));

    internal override void Emit(TapeBuilder tape) => tape.Add(Operation.Constant, -1, -1, Value);

    internal override void CollectNodes(List<string> nodes) { }
}

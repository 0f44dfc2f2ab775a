namespace Bmcnn.Circuit.Expressions;

/// <summary>Flattens an expression tree into a post-order instruction tape bound to unknown indices.</summary>
internal sealed class TapeBuilder(Func<string, int> nodeIndex)
{
    private readonly List<Instruction> _tape = new();
    private readonly List<int> _unknowns = new();

    public int Emit(Expression expression)
    {
        expression.Emit(this);
        return _tape.Count - 1;
    }

    public void Add(Operation operation, int a, int b, double constant) =>
        _tape.Add(new Instruction(operation, a, b, -1, constant, -1, -1));

    public void AddSelect(int condition, int whenTrue, int whenFalse) =>
        _tape.Add(new Instruction(Operation.Select, condition, whenTrue, whenFalse, 0, -1, -1));

    public void AddVoltage(string plus, string minus)
    {
        var p = plus == "0" ? -1 : nodeIndex(plus);
        var m = minus == "0" ? -1 : nodeIndex(minus);
        _tape.Add(new Instruction(Operation.Voltage, p, m, -1, 0, GradientSlot(p), GradientSlot(m)));
    }

    public CompiledExpression Finish() => new(_tape.ToArray(), _unknowns.ToArray());

    private int GradientSlot(int unknown)
    {
        if (unknown < 0)
        {
            return -1;
        }
        var slot = _unknowns.IndexOf(unknown);
        if (slot < 0)
        {
            slot = _unknowns.Count;
            _unknowns.Add(unknown);
        }
        return slot;
    }
}

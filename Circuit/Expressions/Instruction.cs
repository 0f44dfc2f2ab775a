namespace Bmcnn.Circuit.Expressions;

/// <summary>
/// One tape step: its result goes to the slot of its own index. For <see cref="Operation.Voltage"/>, A and B are
/// unknown indices (−1 = ground) and GradA/GradB their gradient positions; otherwise A, B and C are operand slots
/// (−1 where the operation has fewer operands; only <see cref="Operation.Select"/> uses C).
/// </summary>
internal readonly record struct Instruction(Operation Operation, int A, int B, int C, double Constant, int GradA, int GradB);

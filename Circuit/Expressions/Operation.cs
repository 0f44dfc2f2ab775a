namespace Bmcnn.Circuit.Expressions;

/// <summary>The instruction set of a compiled expression tape.</summary>
internal enum Operation
{
    Constant,
    Voltage,
    Negate,
    Add,
    Subtract,
    Multiply,
    Divide,
    /// <summary>|x|^y, as ngspice 39 evaluates <c>^</c>, <c>**</c> and <c>pow</c> (pow(−2,3) = 8).</summary>
    Power,
    /// <summary>sign(x)·|x|^y (ngspice's <c>pwr</c>).</summary>
    SignedPower,
    Min,
    Max,
    Sinh,
    Cosh,
    Tanh,
    Exp,
    Ln,
    Log10,
    Sqrt,
    Abs,
    Sin,
    Cos,
    Tan,
    Atan,
    /// <summary>Unit step: 0 below zero, 1/2 at zero, 1 above (ngspice's <c>u</c>).</summary>
    Step,
    Sign,
}

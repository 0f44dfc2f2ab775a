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
    Asin,
    Acos,
    Asinh,
    Acosh,
    Atanh,
    /// <summary>atan2(y, x): the angle of the point (x, y), in (−π, π].</summary>
    Atan2,
    Floor,
    Ceiling,
    /// <summary>Rounds toward zero (<c>int</c>).</summary>
    Truncate,
    /// <summary>Nearest integer, halves to even, as ngspice's <c>nint</c> (nint(2.5) = 2, nint(−2.5) = −2).</summary>
    RoundEven,
    /// <summary>Nearest integer, halves away from zero, as C's <c>round</c> (round(2.5) = 3).</summary>
    Round,
    /// <summary>x for x &gt; 0, else 0 (ngspice's <c>uramp</c>).</summary>
    Ramp,
    /// <summary>0 for x ≤ 0, x for 0 &lt; x &lt; 1, 1 for x ≥ 1 (ngspice's <c>u2</c>).</summary>
    Step2,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Equal,
    NotEqual,
    /// <summary>1 when both operands are non-zero, else 0.</summary>
    And,
    /// <summary>1 when either operand is non-zero, else 0.</summary>
    Or,
    /// <summary>1 for a zero operand, else 0.</summary>
    Not,
    /// <summary>c ? a : b — operands A (condition), B (when non-zero) and C (when zero).</summary>
    Select,
}

using Bmcnn.Circuit.Expressions;

namespace Bmcnn.Circuit.Elements;

/// <summary>
/// A SPICE <c>B</c> source: <c>B1 p n I=expr</c> drives expr amperes from p through the source to n (like an
/// <c>I</c> source); <c>B1 p n V=expr</c> holds V(p) − V(n) = expr and has a branch current like a <c>V</c> source.
/// The expression may read any node voltage of the circuit.
/// </summary>
public sealed class BehavioralSource : Element
{
    /// <summary>Creates the source.</summary>
    public BehavioralSource(string name, string plus, string minus, BehavioralKind kind, Expression expression)
        : base(name, plus, minus)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new BmcnnException($"element '{name}': unknown behavioral kind {kind}");
        }
        Kind = kind;
        Expression = expression ?? throw new ArgumentNullException(nameof(expression));
    }

    /// <summary>Whether the expression defines a current or a voltage.</summary>
    public BehavioralKind Kind { get; }

    /// <summary>The value expression.</summary>
    public Expression Expression { get; }
}

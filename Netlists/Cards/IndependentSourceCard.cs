using Bmcnn.Circuit.Elements;

namespace Bmcnn.Netlists.Cards;

/// <summary>
/// V and I cards: <c>name n+ n- [DC] value</c>; <c>AC …</c> and transient functions (<c>SIN(…)</c>, <c>PULSE(…)</c>, …)
/// are skipped with a warning, since only the DC operating point is computed.
/// </summary>
internal static class IndependentSourceCard
{
    private static readonly string[] TransientFunctions = ["sin", "pulse", "exp", "pwl", "sffm", "am", "trrandom", "trnoise"];

    public static void Add(SpiceElaborator elaborator, SpiceCard card, ElaborationInstance instance)
    {
        var t = card;
        elaborator.RequireCount(card, 3, "source needs: name n+ n- [DC] value");
        double? dc = null;
        var transient = false;
        var i = 3;
        while (i < t.Count)
        {
            var token = t[i];
            if (token.Is("dc"))
            {
                i++;
                if (i < t.Count && t[i].Is('='))
                {
                    i++;
                }
                if (i >= t.Count)
                {
                    throw elaborator.Source.Error(token.Line, "missing value after DC", card.Text);
                }
                dc = elaborator.Value(t[i], instance);
                i++;
            }
            else if (token.Is("ac"))
            {
                i++;
                for (var k = 0; k < 2 && i < t.Count && IsNumberLike(t[i]); k++)
                {
                    i++;
                }
                elaborator.Warn(card, "AC specification ignored for the operating point");
            }
            else if (IsTransientFunction(CardText.FunctionName(token.Span)))
            {
                i++;
                if (!token.Span.Contains('(') && i < t.Count && t[i].StartsWith('('))
                {
                    i++;
                }
                transient = true;
                elaborator.Warn(card, "transient specification ignored for the operating point");
            }
            else if (dc is null && !token.Is('='))
            {
                dc = elaborator.Value(token, instance);
                i++;
            }
            else
            {
                throw elaborator.Source.Error(token.Line, "unexpected text in source", token.Text);
            }
        }
        if (dc is not { } value)
        {
            var message = transient ? "missing DC value (a transient specification alone has none)" : "missing value";
            throw elaborator.Source.Error(card.Line, message, card.Text);
        }
        var name = SpiceElaborator.ElementName(card, instance);
        var plus = elaborator.Node(t[1], instance);
        var minus = elaborator.Node(t[2], instance);
        if (card.Letter == 'v')
        {
            elaborator.Netlist.Add(new VoltageSource(name, plus, minus, value));
        }
        else
        {
            elaborator.Netlist.Add(new CurrentSource(name, plus, minus, value));
        }
    }

    private static bool IsNumberLike(SpiceToken token) =>
        SpiceNumber.TryParse(token.Span, out _) || token.StartsWith('{') || token.StartsWith('\'');

    private static bool IsTransientFunction(ReadOnlySpan<char> name)
    {
        foreach (var function in TransientFunctions)
        {
            if (name.Equals(function, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}

using Bmcnn.Circuit;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Netlists.Cards;

/// <summary>
/// V and I cards: <c>name n+ n- [DC] value [PULSE(…) | PWL(…) | SIN(…) | EXP(…)]</c> in ngspice's syntax (values
/// separated by spaces or commas); without a DC value the function's value at t = 0 is the DC value, as in ngspice.
/// <c>AC …</c> and the other transient functions (<c>SFFM</c>, <c>AM</c>, noise) are skipped with a warning.
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
        Waveform? waveform = null;
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
                var group = token.Text;
                if (!token.Span.Contains('(') && i < t.Count && t[i].StartsWith('('))
                {
                    group = t[i].Text;
                    i++;
                }
                transient = true;
                var function = CardText.FunctionName(token.Span).ToString().ToLowerInvariant();
                if (waveform is not null)
                {
                    throw elaborator.Source.Error(token.Line, "a source takes one transient function", card.Text);
                }
                waveform = ReadWaveform(elaborator, function, group, instance, token.Line, card);
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
        dc ??= waveform?.Value(0, 0, 0);
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
            elaborator.Netlist.Add(new VoltageSource(name, plus, minus, value) { Waveform = waveform });
        }
        else
        {
            elaborator.Netlist.Add(new CurrentSource(name, plus, minus, value) { Waveform = waveform });
        }
    }

    // PULSE, PWL, SIN and EXP become waveforms; the others are ignored with a warning (null).
    private static Waveform? ReadWaveform(
        SpiceElaborator elaborator, string function, string group, ElaborationInstance instance, int line, SpiceCard card)
    {
        if (function is not ("pulse" or "pwl" or "sin" or "exp"))
        {
            elaborator.Warn(card, $"transient function '{function.ToUpperInvariant()}' is not supported and ignored");
            return null;
        }
        if (!group.Contains('('))
        {
            throw elaborator.Source.Error(line, $"{function.ToUpperInvariant()} needs its values in parentheses", card.Text);
        }
        var start = group.IndexOf('(');
        var words = CardText.GroupWords(group[start..]);
        var values = new List<double>(words.Count);
        foreach (var word in words)
        {
            if (function == "pwl" && word.Contains('='))
            {
                throw elaborator.Source.Error(line, "PWL options (r=, td=) are not supported", card.Text);
            }
            values.Add(elaborator.Value(word, instance, line, card.Text));
        }
        try
        {
            return function switch
            {
                "pulse" => new PulseWaveform(values),
                "pwl" => new PwlWaveform(values),
                "sin" => new SineWaveform(values),
                _ => new ExpWaveform(values),
            };
        }
        catch (BmcnnException e)
        {
            throw elaborator.Source.Error(line, e.Message, card.Text);
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

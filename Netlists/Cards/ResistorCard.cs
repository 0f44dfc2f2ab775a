using System.Runtime.CompilerServices;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Netlists.Cards;

/// <summary>R cards: <c>Rname n1 n2 value</c> (or <c>r=value</c>), then optionally <c>m=</c>, <c>tc1=</c>, <c>tc2=</c>.</summary>
internal static class ResistorCard
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add(SpiceElaborator elaborator, SpiceCard card, ElaborationInstance instance)
    {
        var t = card;
        elaborator.RequireCount(card, 4, "resistor needs: Rname n1 n2 value");
        var valueIndex = t.Count >= 6 && t[3].Is("r") && t[4].Is('=') ? 5 : 3;
        CheckOptions(elaborator, card, valueIndex + 1);
        var ohms = elaborator.Value(t[valueIndex], instance);
        if (t.Count > valueIndex + 1)
        {
            ohms /= Options(elaborator, card, valueIndex + 1, instance);
        }
        var name = SpiceElaborator.ElementName(card, instance);
        var a = elaborator.Node(t[1], instance, out var knownA);
        var b = elaborator.Node(t[2], instance, out var knownB);
        elaborator.Netlist.Add(new Resistor(name, a, b, ohms), (knownA ? 1 : 0) | (knownB ? 2 : 0));
    }

    // Only name=value pairs this reader understands may follow a resistor's value (checked before any value is read).
    private static void CheckOptions(SpiceElaborator elaborator, SpiceCard card, int start)
    {
        for (var i = start; i < card.Count; i += 3)
        {
            var name = card[i];
            var known = name.Is("m") || name.Is("tc1") || name.Is("tc2");
            if (!known || i + 2 >= card.Count || !card[i + 1].Is('=') || card[i + 2].Is('='))
            {
                throw elaborator.Source.Error(name.Line, "unexpected text after the value", name.Text);
            }
        }
    }

    // Instance parameters after a resistor's value, as ngspice reads them: m= (that many in parallel) and tc1=/tc2=,
    // which change nothing at the nominal temperature where the operating point is computed. Returns m.
    private static double Options(SpiceElaborator elaborator, SpiceCard card, int start, ElaborationInstance instance)
    {
        var multiplier = 1.0;
        for (var i = start; i < card.Count; i += 3)
        {
            var name = card[i];
            var value = elaborator.Value(card[i + 2], instance);
            if (name.Is("m"))
            {
                multiplier = value > 0
                    ? value
                    : throw elaborator.Source.Error(card[i + 2].Line, "m (parallel multiplier) must be positive", card.Text);
            }
            else
            {
                elaborator.Warn(card, $"'{Lowercase.Of(name.Span)}' ignored: the operating point is at the nominal temperature");
            }
        }
        return multiplier;
    }
}

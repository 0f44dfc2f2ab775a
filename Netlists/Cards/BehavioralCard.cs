using Bmcnn.Circuit.Elements;
using Bmcnn.Circuit.Expressions;

namespace Bmcnn.Netlists.Cards;

/// <summary>
/// B cards, <c>Bname n+ n- I=expr</c> or <c>V=expr</c>, and the expression of behavioral E/G cards: node and source
/// names are mapped to their flattened names and parameters substituted (<see cref="BehavioralText"/>), then the
/// engine's parser reads the expression.
/// </summary>
internal static class BehavioralCard
{
    public static void Add(SpiceElaborator elaborator, SpiceCard card, ElaborationInstance instance)
    {
        var t = card;
        elaborator.RequireCount(card, 4, "behavioral source needs: Bname n+ n- I=expr or V=expr");
        if (t.Count < 5 || !t[4].Is('=') || !(t[3].Is("i") || t[3].Is("v")))
        {
            throw elaborator.Source.Error(t[3].Line, "behavioral source needs I=expr or V=expr", card.Text);
        }
        Add(elaborator, card, instance, t[3].Is("v") ? BehavioralKind.Voltage : BehavioralKind.Current, 5);
    }

    /// <summary>Adds a behavioral source of the given kind whose expression is the card's words from <paramref name="start"/> on.</summary>
    public static void Add(SpiceElaborator elaborator, SpiceCard card, ElaborationInstance instance, BehavioralKind kind, int start)
    {
        var t = card;
        if (start >= t.Count)
        {
            throw elaborator.Source.Error(card.Line, "missing expression", card.Text);
        }
        var words = new string[t.Count - start];
        for (var k = start; k < t.Count; k++)
        {
            words[k - start] = t[k].Text;
        }
        var raw = string.Join(' ', words);
        Expression expression;
        try
        {
            var text = BehavioralText.Rewrite(raw, n => elaborator.MapNode(n.AsSpan(), instance),
                s => SpiceElaborator.MapSourceName(s, instance), instance.Scope);
            expression = Expression.Parse(text);
        }
        catch (FormatException ex)
        {
            throw elaborator.Source.Error(t[start].Line, $"bad expression ({ex.Message})", raw);
        }
        var name = SpiceElaborator.ElementName(card, instance);
        elaborator.Netlist.Add(new BehavioralSource(name, elaborator.Node(t[1], instance), elaborator.Node(t[2], instance), kind, expression));
    }
}

using Bmcnn.Circuit.Elements;

namespace Bmcnn.Netlists.Cards;

/// <summary>
/// E and G cards: <c>Ename n+ n- nc+ nc- gain</c> (VCVS) and <c>Gname n+ n- nc+ nc- gm</c> (VCCS), or the behavioral
/// forms <c>E… value=expr</c> / <c>vol=expr</c> and <c>G… value=expr</c> / <c>cur=expr</c>. POLY is refused.
/// </summary>
internal static class ControlledSourceCard
{
    public static void Add(SpiceElaborator elaborator, SpiceCard card, ElaborationInstance instance)
    {
        var t = card;
        var voltage = card.Letter == 'e';
        var usage = voltage ? "VCVS needs: Ename n+ n- nc+ nc- gain" : "VCCS needs: Gname n+ n- nc+ nc- gm";
        elaborator.RequireCount(card, 4, usage);
        if (t.Count >= 5 && t[4].Is('=') && (t[3].Is("value") || t[3].Is(voltage ? "vol" : "cur")))
        {
            BehavioralCard.Add(elaborator, card, instance, voltage ? BehavioralKind.Voltage : BehavioralKind.Current, 5);
            return;
        }
        if (CardText.FunctionName(t[3].Span).Equals("poly", StringComparison.OrdinalIgnoreCase))
        {
            throw elaborator.Source.Error(t[3].Line, "POLY controlled sources are not supported", card.Text);
        }
        elaborator.RequireCount(card, 6, usage);
        elaborator.NoExtra(card, 6);
        var name = SpiceElaborator.ElementName(card, instance);
        var nodes = new string[4];
        for (var k = 0; k < 4; k++)
        {
            nodes[k] = elaborator.Node(t[k + 1], instance);
        }
        var gain = elaborator.Value(t[5], instance);
        if (voltage)
        {
            elaborator.Netlist.Add(new Vcvs(name, nodes[0], nodes[1], nodes[2], nodes[3], gain));
        }
        else
        {
            elaborator.Netlist.Add(new Vccs(name, nodes[0], nodes[1], nodes[2], nodes[3], gain));
        }
    }
}

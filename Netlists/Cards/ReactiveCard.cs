using Bmcnn.Circuit.Elements;

namespace Bmcnn.Netlists.Cards;

/// <summary>C and L cards: <c>Cname n1 n2 value [IC=volts]</c>, <c>Lname n1 n2 value [IC=amperes]</c>.</summary>
internal static class ReactiveCard
{
    public static void Add(SpiceElaborator elaborator, SpiceCard card, ElaborationInstance instance)
    {
        var capacitor = card.Letter == 'c';
        elaborator.RequireCount(card, 4, capacitor ? "capacitor needs: Cname n1 n2 value" : "inductor needs: Lname n1 n2 value");
        double? initial = null;
        for (var i = 4; i < card.Count; i += 3)
        {
            var option = card[i];
            if (!option.Is("ic") || i + 2 >= card.Count || !card[i + 1].Is('='))
            {
                throw elaborator.Source.Error(option.Line, "unexpected text after the value (only IC= is read)", option.Text);
            }
            initial = elaborator.Value(card[i + 2], instance);
        }
        var value = elaborator.Value(card[3], instance);
        var name = SpiceElaborator.ElementName(card, instance);
        var a = elaborator.Node(card[1], instance);
        var b = elaborator.Node(card[2], instance);
        if (capacitor)
        {
            elaborator.Netlist.Add(new Capacitor(name, a, b, value) { InitialVoltage = initial });
        }
        else
        {
            elaborator.Netlist.Add(new Inductor(name, a, b, value) { InitialCurrent = initial });
        }
    }
}

using Bmcnn.Circuit.Elements;

namespace Bmcnn.Netlists.Cards;

/// <summary>
/// D cards: <c>Dname anode cathode model [area]</c> (or <c>area=</c>); <c>off</c> and <c>IC=</c>, which only steer
/// SPICE's initial guess, are accepted with a warning.
/// </summary>
internal static class DiodeCard
{
    public static void Add(SpiceElaborator elaborator, SpiceCard card, ElaborationInstance instance)
    {
        elaborator.RequireCount(card, 4, "diode needs: Dname anode cathode model [area]");
        var modelName = Lowercase.Of(card[3].Span);
        var model = elaborator.DiodeModel(modelName)
            ?? throw elaborator.Source.Error(card[3].Line, $"unknown diode model '{modelName}'", card.Text);
        var area = 1.0;
        var i = 4;
        while (i < card.Count)
        {
            var token = card[i];
            if (token.Is("off"))
            {
                elaborator.Warn(card, "'off' ignored: the initial guess is always zero");
                i++;
            }
            else if ((token.Is("area") || token.Is("ic")) && i + 2 < card.Count && card[i + 1].Is('='))
            {
                var value = elaborator.Value(card[i + 2], instance);
                if (token.Is("area"))
                {
                    area = value;
                }
                else
                {
                    elaborator.Warn(card, "'IC=' of a diode ignored");
                }
                i += 3;
            }
            else if (i == 4 && !card[i].Is('='))
            {
                area = elaborator.Value(token, instance);
                i++;
            }
            else
            {
                throw elaborator.Source.Error(token.Line, "unexpected text in diode", token.Text);
            }
        }
        var name = SpiceElaborator.ElementName(card, instance);
        elaborator.Netlist.Add(new Diode(name, elaborator.Node(card[1], instance), elaborator.Node(card[2], instance), model, area));
    }
}

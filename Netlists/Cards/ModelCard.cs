using Bmcnn.Circuit.Elements;

namespace Bmcnn.Netlists.Cards;

/// <summary>
/// <c>.model NAME D(IS= N= RS= CJO= VJ= M= FC= TT=)</c> (parentheses optional, <c>CJ0</c>/<c>CJ</c>, <c>PB</c> and
/// <c>MJ</c> as aliases). Other diode parameters are ignored with a warning; other model types are refused.
/// </summary>
internal static class ModelCard
{
    public static DiodeModel Read(SpiceElaborator elaborator, SpiceCard card, ElaborationInstance instance)
    {
        elaborator.RequireCount(card, 3, ".model needs: .model NAME TYPE(parameters)");
        var name = Lowercase.Of(card[1].Span);
        var type = CardText.FunctionName(card[2].Span).ToString();
        if (!type.Equals("d", StringComparison.OrdinalIgnoreCase))
        {
            throw elaborator.Source.Error(card[2].Line, $"unknown or unsupported .model type '{type}' (supported: D)", card.Text);
        }
        var text = string.Join(' ', Enumerable.Range(2, card.Count - 2).Select(k => card[k].Text));
        var open = text.IndexOf('(');
        var words = CardText.GroupWords((open >= 0 ? text[open..] : text[type.Length..]).Replace("=", " = "));
        double Get(int k) => elaborator.Value(words[k], instance, card.Line, card.Text);
        var model = new DiodeModel(name);
        for (var k = 0; k < words.Count; k += 3)
        {
            if (k + 2 >= words.Count || words[k + 1] != "=")
            {
                throw elaborator.Source.Error(card.Line, $"expected name=value in .model, got '{words[k]}'", card.Text);
            }
            model = words[k].ToLowerInvariant() switch
            {
                "is" => model with { SaturationCurrent = Get(k + 2) },
                "n" => model with { EmissionCoefficient = Get(k + 2) },
                "rs" => model with { SeriesResistance = Get(k + 2) },
                "cjo" or "cj0" or "cj" => model with { JunctionCapacitance = Get(k + 2) },
                "vj" or "pb" => model with { JunctionPotential = Get(k + 2) },
                "m" or "mj" => model with { GradingCoefficient = Get(k + 2) },
                "fc" => model with { DepletionCoefficient = Get(k + 2) },
                "tt" => model with { TransitTime = Get(k + 2) },
                var other => Ignored(elaborator, card, other, model),
            };
        }
        try
        {
            model.Validate();
        }
        catch (Bmcnn.Circuit.BmcnnException e)
        {
            throw elaborator.Source.Error(card.Line, e.Message, card.Text);
        }
        return model;
    }

    private static DiodeModel Ignored(SpiceElaborator elaborator, SpiceCard card, string parameter, DiodeModel model)
    {
        elaborator.Warn(card, $"diode parameter '{parameter}' is not modelled and ignored");
        return model;
    }
}

using Bmcnn.Circuit.Analysis;

namespace Bmcnn.Netlists.Cards;

/// <summary>
/// <c>.options</c> (also <c>.option</c>, <c>.opt</c>): the simulator settings our analyses read, by ngspice's names:
/// reltol, abstol, vntol, chgtol, trtol, gmin, itl1 (DC Newton limit), itl4 or maxiter (Newton limit per time point)
/// and method=trap (the only integration method). Other options, flags and method=gear are warned about and ignored.
/// </summary>
internal static class OptionsCard
{
    /// <summary>The options with this card's settings applied.</summary>
    public static TransientOptions Apply(SpiceElaborator elaborator, SpiceCard card, ElaborationInstance instance, TransientOptions options)
    {
        var text = string.Join(' ', Enumerable.Range(1, card.Count - 1).Select(k => card[k].Text));
        var words = CardText.GroupWords(text.Replace("=", " = "));
        var ignored = new List<string>();
        for (var k = 0; k < words.Count;)
        {
            var name = words[k].ToLowerInvariant();
            if (k + 1 >= words.Count || words[k + 1] != "=")
            {
                ignored.Add(name);
                k++;
                continue;
            }
            if (k + 2 >= words.Count || words[k + 2] == "=")
            {
                throw elaborator.Source.Error(card.Line, $"missing value for option '{name}'", card.Text);
            }
            var value = words[k + 2];
            k += 3;
            if (name == "method")
            {
                if (!value.Equals("trap", StringComparison.OrdinalIgnoreCase) && !value.Equals("trapezoidal", StringComparison.OrdinalIgnoreCase))
                {
                    ignored.Add($"method={value} (the trapezoidal rule is used)");
                }
                continue;
            }
            double Number() => elaborator.Value(value, instance, card.Line, card.Text);
            int Count()
            {
                var number = Number();
                return number == Math.Floor(number) && number is >= 0 and <= int.MaxValue
                    ? (int)number
                    : throw elaborator.Source.Error(card.Line, $"option '{name}' needs a whole number, got '{value}'", card.Text);
            }
            options = name switch
            {
                "reltol" => options with { Dc = options.Dc with { RelTol = Number() } },
                "abstol" => options with { Dc = options.Dc with { AbsTol = Number() } },
                "vntol" => options with { Dc = options.Dc with { VnTol = Number() } },
                "gmin" => options with { Dc = options.Dc with { Gmin = Number() } },
                "itl1" => options with { Dc = options.Dc with { MaxIterations = Count() } },
                "chgtol" => options with { ChgTol = Number() },
                "trtol" => options with { TrTol = Number() },
                "itl4" or "maxiter" => options with { StepIterations = Count() },
                _ => Ignored(ignored, name, options),
            };
        }
        if (ignored.Count > 0)
        {
            elaborator.Warn(card, $"not applied: {string.Join(", ", ignored)}");
        }
        try
        {
            options.Validate();
        }
        catch (Bmcnn.Circuit.BmcnnException e)
        {
            throw elaborator.Source.Error(card.Line, e.Message, card.Text);
        }
        return options;
    }

    private static TransientOptions Ignored(List<string> ignored, string name, TransientOptions options)
    {
        ignored.Add(name);
        return options;
    }
}

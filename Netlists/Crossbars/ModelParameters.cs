using Bmcnn.Circuit;

namespace Bmcnn.Netlists.Crossbars;

/// <summary>
/// A memristor subcircuit's parameters and their device-to-device variation: the defaults are read from the
/// library's <c>.subckt NAME pins params: name=value ...</c> line; each instance draws every varied parameter as
/// nominal·exp(σ·z), z standard normal (log-normal: the sign is kept, so kon &lt; 0 stays negative), from a stream of
/// its own (<see cref="RandomStream.For"/> of the seed, its row, its column and the parameter's position), so a
/// draw does not depend on the order instances are written or on which other parameters vary.
/// </summary>
public sealed class ModelParameters
{
    private readonly List<(string Name, double Value)> _defaults;

    private ModelParameters(string model, List<(string Name, double Value)> defaults)
    {
        Model = model;
        _defaults = defaults;
    }

    /// <summary>The subcircuit name (lowercase).</summary>
    public string Model { get; }

    /// <summary>The parameters in the order the library lists them, with their default values.</summary>
    public IReadOnlyList<(string Name, double Value)> Defaults => _defaults;

    /// <summary>
    /// Reads the defaults of subcircuit <paramref name="model"/> from <paramref name="library"/> text (named
    /// <paramref name="libraryName"/> in errors). Throws <see cref="BmcnnException"/> when the subcircuit is missing
    /// or a default is not a plain number.
    /// </summary>
    public static ModelParameters Read(string library, string model, string libraryName)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(model);
        var source = new SpiceSource(libraryName);
        var name = model.ToLowerInvariant();
        foreach (var card in SpiceLexer.ReadIncluded(new SpiceText(library, source), source, 1))
        {
            if (!card.IsKeyword(".subckt") || card.Count < 2 || !card[1].Is(name))
            {
                continue;
            }
            var defaults = new List<(string, double)>();
            var k = 2;
            while (k < card.Count && !card[k].Is("params:"))
            {
                k++;
            }
            for (k++; k < card.Count; k += 3)
            {
                if (k + 2 >= card.Count || !card[k + 1].Is('=') || !SpiceNumber.TryParse(card[k + 2].Text, out var value))
                {
                    throw source.Error(card.Line, $"subcircuit '{name}': expected name=number parameter defaults", card.Text);
                }
                defaults.Add((card[k].Text.ToLowerInvariant(), value));
            }
            return new ModelParameters(name, defaults);
        }
        throw new BmcnnException($"{libraryName}: no subcircuit '{name}'");
    }

    /// <summary>The default of <paramref name="parameter"/>; throws <see cref="BmcnnException"/> for an unknown name.</summary>
    public double Default(string parameter) => _defaults[Index(parameter)].Value;

    /// <summary>The position of <paramref name="parameter"/>; throws <see cref="BmcnnException"/> for an unknown name.</summary>
    public int Index(string parameter)
    {
        var index = _defaults.FindIndex(d => d.Name.Equals(parameter, StringComparison.OrdinalIgnoreCase));
        return index >= 0
            ? index
            : throw new BmcnnException($"model '{Model}' has no parameter '{parameter}' (it has {string.Join(", ", _defaults.Select(d => d.Name))})");
    }

    /// <summary>
    /// The value instance (<paramref name="row"/>, <paramref name="column"/>) draws for a parameter of nominal value
    /// <paramref name="nominal"/> and log-normal spread <paramref name="sigma"/> (0: the nominal value).
    /// </summary>
    public double Draw(string parameter, double nominal, double sigma, ulong seed, int row, int column)
    {
        if (sigma == 0)
        {
            return nominal;
        }
        var stream = RandomStream.For(seed, row, column, Index(parameter));
        return nominal * Math.Exp(sigma * stream.NextGaussian());
    }
}

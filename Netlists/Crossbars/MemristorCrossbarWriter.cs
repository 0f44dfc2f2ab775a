using System.Globalization;
using System.Text;
using Bmcnn.Circuit;

namespace Bmcnn.Netlists.Crossbars;

/// <summary>
/// Writes a <see cref="MemristorCrossbarSpec"/> as an ngspice deck (our reader takes the same text): the library
/// verbatim, row i's driver <c>vr&lt;i&gt;</c> at node <c>ri&lt;i&gt;</c>, one wire segment to the first cell and one
/// between neighbouring cells along row nodes <c>r&lt;i&gt;_&lt;j&gt;</c>; column j's driver <c>vc&lt;j&gt;</c> at
/// <c>ci&lt;j&gt;</c> below the last row, segments up column nodes <c>c&lt;i&gt;_&lt;j&gt;</c>; device
/// <c>x&lt;i&gt;_&lt;j&gt;</c> from <c>r&lt;i&gt;_&lt;j&gt;</c> to <c>c&lt;i&gt;_&lt;j&gt;</c> (so its state is
/// <c>v(x&lt;i&gt;_&lt;j&gt;.state)</c>). Drivers are PWL sources of the V/2 scheme: idle at 0 V; during a pulse of
/// polarity +1 the selected row is at V, the selected column at 0 and every other line at V/2 (−1: row 0, column V),
/// so the selected cell sees ±V, the rest of its row and column ±V/2 and all other cells 0.
/// </summary>
public static class MemristorCrossbarWriter
{
    /// <summary>The deck's text; throws <see cref="BmcnnException"/> naming a bad field.</summary>
    public static string Write(MemristorCrossbarSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Validate(spec);
        var model = ModelParameters.Read(spec.Library, spec.Model, spec.LibraryName);
        foreach (var name in spec.Parameters.Keys.Concat(spec.Sigma.Keys))
        {
            model.Index(name);
        }
        var text = new StringBuilder();
        var f = CultureInfo.InvariantCulture;
        text.Append(f, $"{spec.Rows}x{spec.Columns} crossbar of {model.Model} memristors, {spec.Pulses.Count} V/2 write pulses of ")
            .Append(f, $"{Number(spec.WriteVolts)} V\n");
        text.Append(f, $"* wire {Number(spec.WireOhms)} Ohm and {Number(spec.WireFarads)} F per segment; pulses width {Number(spec.PulseWidth)} s, ")
            .Append(f, $"edges {Number(spec.Edge)} s, gaps {Number(spec.Gap)} s; parameter seed {spec.Seed}\n");
        for (var k = 0; k < spec.Pulses.Count; k++)
        {
            var p = spec.Pulses[k];
            text.Append(f, $"* pulse {k + 1}: cell ({p.Row}, {p.Column}) at {(p.Polarity > 0 ? "+" : "-")}{Number(spec.WriteVolts)} V\n");
        }
        text.Append("* The subcircuits below are ").Append(spec.LibraryName).Append(" verbatim.\n");
        text.Append(spec.Library.ReplaceLineEndings("\n").TrimEnd('\n')).Append("\n\n");
        Drivers(spec, text);
        Wires(spec, text);
        Devices(spec, model, text);
        var period = spec.Gap + 2 * spec.Edge + spec.PulseWidth;
        var stop = spec.Pulses.Count * period + spec.Gap;
        if (spec.RelTol is { } reltol)
        {
            text.Append(".options reltol=").Append(Number(reltol)).Append('\n');
        }
        text.Append(f, $".tran {Number(spec.Edge)} {Number(stop)} 0 {Number(Math.Min(spec.PulseWidth, spec.Gap) / 4)} uic\n.end\n");
        return text.ToString();
    }

    /// <summary>
    /// <paramref name="count"/> pulses at random cells with random polarity, drawn in that order from
    /// <see cref="RandomStream.For"/>(<paramref name="seed"/>, −1), a stream apart from the parameter draws.
    /// </summary>
    public static IReadOnlyList<WritePulse> RandomPulses(int rows, int columns, int count, ulong seed)
    {
        if (rows < 1 || columns < 1 || count < 0)
        {
            throw new BmcnnException($"memristor crossbar: {count} pulses on {rows}x{columns} cells is not a valid request");
        }
        var random = RandomStream.For(seed, -1);
        var pulses = new WritePulse[count];
        for (var k = 0; k < count; k++)
        {
            var row = random.NextInt(rows);
            var column = random.NextInt(columns);
            pulses[k] = new WritePulse(row, column, random.NextDouble() < 0.5 ? 1 : -1);
        }
        return pulses;
    }

    private static void Drivers(MemristorCrossbarSpec spec, StringBuilder text)
    {
        var period = spec.Gap + 2 * spec.Edge + spec.PulseWidth;
        var v = spec.WriteVolts;
        for (var line = 0; line < spec.Rows + spec.Columns; line++)
        {
            var isRow = line < spec.Rows;
            var index = isRow ? line : line - spec.Rows;
            text.Append(isRow ? "vr" : "vc").Append(index).Append(isRow ? " ri" : " ci").Append(index).Append(" 0 PWL(0 0");
            for (var k = 0; k < spec.Pulses.Count; k++)
            {
                var pulse = spec.Pulses[k];
                var selected = isRow ? pulse.Row == index : pulse.Column == index;
                // + pulse: selected row V, selected column 0; − pulse: the other way round; every other line V/2.
                var level = !selected ? v / 2 : (isRow == (pulse.Polarity > 0)) ? v : 0;
                if (level == 0)
                {
                    continue;
                }
                var t0 = k * period + spec.Gap;
                text.Append(' ').Append(Number(t0)).Append(" 0 ").Append(Number(t0 + spec.Edge)).Append(' ').Append(Number(level))
                    .Append(' ').Append(Number(t0 + spec.Edge + spec.PulseWidth)).Append(' ').Append(Number(level))
                    .Append(' ').Append(Number(t0 + 2 * spec.Edge + spec.PulseWidth)).Append(" 0");
            }
            text.Append(")\n");
        }
    }

    private static void Wires(MemristorCrossbarSpec spec, StringBuilder text)
    {
        var r = Number(spec.WireOhms);
        var c = spec.WireFarads > 0 ? Number(spec.WireFarads) : null;
        for (var i = 0; i < spec.Rows; i++)
        {
            for (var j = 0; j < spec.Columns; j++)
            {
                var from = j == 0 ? $"ri{i}" : $"r{i}_{j - 1}";
                text.Append("rr").Append(i).Append('_').Append(j).Append(' ').Append(from).Append(" r").Append(i).Append('_').Append(j)
                    .Append(' ').Append(r).Append('\n');
                var below = i == spec.Rows - 1 ? $"ci{j}" : $"c{i + 1}_{j}";
                text.Append("rc").Append(i).Append('_').Append(j).Append(' ').Append(below).Append(" c").Append(i).Append('_').Append(j)
                    .Append(' ').Append(r).Append('\n');
                if (c is not null)
                {
                    text.Append("cr").Append(i).Append('_').Append(j).Append(" r").Append(i).Append('_').Append(j)
                        .Append(" 0 ").Append(c).Append('\n');
                    text.Append("cc").Append(i).Append('_').Append(j).Append(" c").Append(i).Append('_').Append(j)
                        .Append(" 0 ").Append(c).Append('\n');
                }
            }
        }
    }

    private static void Devices(MemristorCrossbarSpec spec, ModelParameters model, StringBuilder text)
    {
        var names = spec.Parameters.Keys.Concat(spec.Sigma.Keys).Select(n => n.ToLowerInvariant()).Distinct()
            .OrderBy(model.Index).ToList();
        for (var i = 0; i < spec.Rows; i++)
        {
            for (var j = 0; j < spec.Columns; j++)
            {
                text.Append('x').Append(i).Append('_').Append(j).Append(" r").Append(i).Append('_').Append(j).Append(" c").Append(i)
                    .Append('_').Append(j).Append(' ').Append(model.Model);
                foreach (var name in names)
                {
                    var nominal = Lookup(spec.Parameters, name) ?? model.Default(name);
                    var value = model.Draw(name, nominal, Lookup(spec.Sigma, name) ?? 0, spec.Seed, i, j);
                    text.Append(' ').Append(name).Append('=').Append(Number(value));
                }
                text.Append('\n');
            }
        }
    }

    private static double? Lookup(IReadOnlyDictionary<string, double> values, string name) =>
        values.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)) is { Key: not null } pair ? pair.Value : null;

    private static string Number(double value) => SpiceNumber.Format(value);

    private static void Validate(MemristorCrossbarSpec spec)
    {
        if (spec.Rows < 1 || spec.Columns < 1)
        {
            throw new BmcnnException($"memristor crossbar: rows and columns must be at least 1, got {spec.Rows}x{spec.Columns}");
        }
        Positive(spec.WireOhms, "wire resistance");
        Positive(spec.WriteVolts, "write voltage");
        Positive(spec.PulseWidth, "pulse width");
        Positive(spec.Edge, "pulse edge");
        Positive(spec.Gap, "pulse gap");
        if (spec.RelTol is { } reltol)
        {
            Positive(reltol, "reltol");
        }
        if (!(spec.WireFarads >= 0) || double.IsInfinity(spec.WireFarads))
        {
            throw new BmcnnException($"memristor crossbar: wire capacitance must be 0 or positive, got {spec.WireFarads}");
        }
        foreach (var (name, sigma) in spec.Sigma)
        {
            if (!(sigma >= 0) || double.IsInfinity(sigma))
            {
                throw new BmcnnException($"memristor crossbar: the spread of '{name}' must be 0 or positive, got {sigma}");
            }
        }
        foreach (var (name, value) in spec.Parameters)
        {
            if (!double.IsFinite(value))
            {
                throw new BmcnnException($"memristor crossbar: parameter '{name}' must be a number, got {value}");
            }
        }
        foreach (var pulse in spec.Pulses)
        {
            if (pulse.Row < 0 || pulse.Row >= spec.Rows || pulse.Column < 0 || pulse.Column >= spec.Columns || Math.Abs(pulse.Polarity) != 1)
            {
                throw new BmcnnException($"memristor crossbar: pulse at ({pulse.Row}, {pulse.Column}) polarity {pulse.Polarity} is outside the "
                    + $"{spec.Rows}x{spec.Columns} array or not ±1");
            }
        }
    }

    private static void Positive(double value, string field)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new BmcnnException($"memristor crossbar: {field} must be positive, got {value}");
        }
    }
}

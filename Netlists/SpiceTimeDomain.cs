using System.Text;
using Bmcnn.Circuit;
using Bmcnn.Circuit.Analysis;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Netlists;

/// <summary>
/// The SPICE text of the time-domain parts of a deck: source functions, <c>.model</c> and <c>.ic</c> cards, analysis
/// cards, and the ngspice control block that writes each analysis's vectors to an ASCII raw file.
/// </summary>
internal static class SpiceTimeDomain
{
    /// <summary>The Newton tolerances a <c>.dc</c> sweep runs with in ngspice's control block.</summary>
    public const string TightTolerances = "option reltol=1e-12 vntol=1e-15 abstol=1e-18\n";

    /// <summary>SPICE's default Newton tolerances, restored after a sweep.</summary>
    public const string DefaultTolerances = "option reltol=0.001 vntol=1e-06 abstol=1e-12\n";

    /// <summary>The raw file the control block writes for analysis <paramref name="index"/>.</summary>
    public static string RawFile(int index) => $"analysis{index}.raw";

    /// <summary>A source's function after its DC value (<c> PULSE(0 1 1e-09 ...)</c>), or empty.</summary>
    public static string Function(Waveform? waveform) =>
        waveform is null ? "" : $" {waveform.Name.ToUpperInvariant()}({string.Join(' ', waveform.Arguments.Select(SpiceNumber.Format))})";

    /// <summary>One <c>.model</c> card per diode model and one <c>.ic</c> card, each ending in a newline (or empty).</summary>
    /// <exception cref="BmcnnException">When two different models share a name.</exception>
    public static string ModelsAndInitialConditions(Netlist netlist)
    {
        var sb = new StringBuilder();
        var models = new Dictionary<string, DiodeModel>(StringComparer.Ordinal);
        foreach (var diode in netlist.Elements.OfType<Diode>())
        {
            var model = diode.Model;
            if (models.TryGetValue(model.Name, out var known))
            {
                if (known != model)
                {
                    throw new BmcnnException($"two different diode models are named '{model.Name}'");
                }
                continue;
            }
            models.Add(model.Name, model);
            string V(double x) => SpiceNumber.Format(x);
            sb.Append($".model {model.Name} D(IS={V(model.SaturationCurrent)} N={V(model.EmissionCoefficient)} ")
                .Append($"RS={V(model.SeriesResistance)} CJO={V(model.JunctionCapacitance)} VJ={V(model.JunctionPotential)} ")
                .Append($"M={V(model.GradingCoefficient)} FC={V(model.DepletionCoefficient)} TT={V(model.TransitTime)})\n");
        }
        if (netlist.InitialConditions.Count > 0)
        {
            sb.Append(".ic");
            foreach (var (node, volts) in netlist.InitialConditions)
            {
                sb.Append($" V({node})={SpiceNumber.Format(volts)}");
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The analysis cards and, for ngspice, the control block; ends with <c>.end</c>.</summary>
    public static string Analyses(IReadOnlyList<AnalysisRequest> analyses, IReadOnlyDictionary<string, string> names, SpiceDialect dialect)
    {
        var sb = new StringBuilder();
        var commands = analyses.Select(a => Command(a, names)).ToList();
        foreach (var command in commands)
        {
            sb.Append('.').Append(command).Append('\n');
        }
        if (dialect == SpiceDialect.Ngspice)
        {
            sb.Append(".control\noption numdgt=15\nset filetype=ascii\n");
            for (var k = 0; k < commands.Count; k++)
            {
                // A sweep point is judged at 1e-6: ngspice's own Newton, stopped at reltol 1e-3, is ~1e-5 off the exact
                // solution of a diode, so sweeps run with tight tolerances, and the defaults come back for the rest.
                var sweep = analyses[k] is DcSweepRequest;
                sb.Append(sweep ? TightTolerances : "");
                sb.Append(commands[k]).Append('\n').Append("write ").Append(RawFile(k)).Append('\n');
                sb.Append(sweep ? DefaultTolerances : "");
            }
            sb.Append("quit\n.endc\n");
        }
        return sb.Append(".end\n").ToString();
    }

    // The analysis as a command without its dot: "tran 1e-06 0.001 0 1e-06 uic".
    private static string Command(AnalysisRequest analysis, IReadOnlyDictionary<string, string> names)
    {
        string V(double x) => SpiceNumber.Format(x);
        return analysis switch
        {
            OperatingPointRequest => "op",
            DcSweepRequest d => $"dc {names.GetValueOrDefault(d.Source, d.Source)} {V(d.Start)} {V(d.Stop)} {V(d.Step)}",
            TransientRequest t => $"tran {V(t.Step)} {V(t.Stop)}" +
                (t.Start != 0 || t.MaxStep is not null ? $" {V(t.Start)}" : "") +
                (t.MaxStep is { } max ? $" {V(max)}" : "") + (t.UseInitialConditions ? " uic" : ""),
            _ => throw new BmcnnException($"analysis {analysis.Kind} has no SPICE form"),
        };
    }
}

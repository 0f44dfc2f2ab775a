using System.Text;
using Bmcnn.Circuit;
using Bmcnn.Circuit.Analysis;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Netlists;

/// <summary>
/// Writes any <see cref="Netlist"/> as SPICE text with full-precision numbers. Nonlinear conductors and behavioral
/// sources become B elements; names are prefixed where their first letter would mean another element type. The
/// ngspice dialect runs unmodified with <c>ngspice -b</c> and prints every node voltage and branch current.
/// </summary>
public static class SpiceWriter
{
    private const string Forbidden = "=(),{}'\";";

    /// <summary>Writes the netlist in the given dialect.</summary>
    /// <exception cref="BmcnnException">When a name cannot be written as SPICE or an element type has no SPICE form.</exception>
    public static SpiceDeck Write(Netlist netlist, SpiceDialect dialect = SpiceDialect.Ngspice) =>
        Write(netlist, null, dialect);

    /// <summary>
    /// Writes the netlist with its analyses (<c>.op</c>, <c>.dc</c>, <c>.tran</c> cards); for ngspice, a control block
    /// runs each in turn and writes its vectors to <c>analysis0.raw</c>, <c>analysis1.raw</c>, ... (ASCII, 15 digits).
    /// Without analyses (null) the deck ends as <see cref="Footer"/> says.
    /// </summary>
    public static SpiceDeck Write(Netlist netlist, IReadOnlyList<AnalysisRequest>? analyses, SpiceDialect dialect = SpiceDialect.Ngspice)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        var names = SpiceNamesFor(netlist);
        var sb = new StringBuilder();
        var title = netlist.Title.ReplaceLineEndings(" ").Trim();
        sb.Append(title.Length > 0 ? title : "bmcnn circuit").Append('\n');
        foreach (var element in netlist.Elements)
        {
            foreach (var node in element.Nodes)
            {
                CheckName(node, $"node '{node}' of element '{element.Name}'");
            }
            sb.Append(Card(element, names[element.Name], dialect)).Append('\n');
        }
        sb.Append(SpiceTimeDomain.ModelsAndInitialConditions(netlist));
        sb.Append(analyses is null ? Footer(dialect) : SpiceTimeDomain.Analyses(analyses, names, dialect));
        return new SpiceDeck(sb.ToString(), dialect, names);
    }

    /// <summary>Writes the netlist to a file atomically (temporary file, then rename).</summary>
    public static SpiceDeck WriteFile(Netlist netlist, string path, SpiceDialect dialect = SpiceDialect.Ngspice)
    {
        var deck = Write(netlist, dialect);
        AtomicFile.WriteText(path, deck.Text);
        return deck;
    }

    /// <summary>
    /// The analysis and output lines that end a deck, including <c>.end</c>. For ngspice: <c>.op</c> and a control block
    /// that runs <c>op</c> with 15 significant digits, prints all vectors and quits (batch mode exits 1 without <c>quit</c>).
    /// </summary>
    public static string Footer(SpiceDialect dialect) => dialect switch
    {
        SpiceDialect.Ngspice => ".op\n.control\noption numdgt=15\nop\nprint all\nquit\n.endc\n.end\n",
        SpiceDialect.Xyce => ".op\n.print dc precision=15 v(*) i(*)\n.end\n",
        SpiceDialect.Ltspice => ".op\n.end\n",
        _ => throw new ArgumentOutOfRangeException(nameof(dialect)),
    };

    /// <summary>The SPICE letter an element of this type must start with.</summary>
    public static char Letter(Element element) => element switch
    {
        Resistor => 'r',
        Capacitor => 'c',
        Inductor => 'l',
        Diode => 'd',
        VoltageSource => 'v',
        CurrentSource => 'i',
        Vcvs => 'e',
        Vccs => 'g',
        NonlinearConductor => 'b',
        BehavioralSource => 'b',
        _ => throw new BmcnnException($"element '{element.Name}': type {element.GetType().Name} has no SPICE form"),
    };

    private static Dictionary<string, string> SpiceNamesFor(Netlist netlist)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(netlist.Elements.Select(e => e.Name), StringComparer.Ordinal);
        foreach (var element in netlist.Elements)
        {
            CheckName(element.Name, $"element name '{element.Name}'");
            var letter = Letter(element);
            var name = element.Name;
            if (name[0] != letter)
            {
                var candidate = letter + name;
                for (var k = 2; taken.Contains(candidate); k++)
                {
                    candidate = $"{letter}{name}_{k}";
                }
                taken.Add(candidate);
                name = candidate;
            }
            names.Add(element.Name, name);
        }
        return names;
    }

    private static void CheckName(string name, string what)
    {
        if (name.IndexOfAny(Forbidden.ToCharArray()) >= 0 || name.Any(char.IsControl))
        {
            throw new BmcnnException($"{what} cannot be written as SPICE (it contains one of {Forbidden})");
        }
    }

    private static string Card(Element element, string name, SpiceDialect dialect)
    {
        string N(int i) => element.Nodes[i];
        string V(double x) => SpiceNumber.Format(x);
        return element switch
        {
            Resistor r => $"{name} {N(0)} {N(1)} {V(r.Resistance)}",
            VoltageSource v => $"{name} {N(0)} {N(1)} DC {V(v.Voltage)}{SpiceTimeDomain.Function(v.Waveform)}",
            CurrentSource i => $"{name} {N(0)} {N(1)} DC {V(i.Current)}{SpiceTimeDomain.Function(i.Waveform)}",
            Capacitor c => $"{name} {N(0)} {N(1)} {V(c.Capacitance)}{(c.InitialVoltage is { } ic ? " IC=" + V(ic) : "")}",
            Inductor l => $"{name} {N(0)} {N(1)} {V(l.Inductance)}{(l.InitialCurrent is { } il ? " IC=" + V(il) : "")}",
            Diode d => $"{name} {N(0)} {N(1)} {d.Model.Name} {V(d.Area)}",
            Vcvs e => $"{name} {N(0)} {N(1)} {N(2)} {N(3)} {V(e.Gain)}",
            Vccs g => $"{name} {N(0)} {N(1)} {N(2)} {N(3)} {V(g.Transconductance)}",
            NonlinearConductor c => $"{name} {N(0)} {N(1)} {Behavioral('I', c.Law.ToSpiceExpression(Probe(N(0), N(1))), dialect)}",
            BehavioralSource b =>
                $"{name} {N(0)} {N(1)} {Behavioral(b.Kind == BehavioralKind.Voltage ? 'V' : 'I', b.Expression.ToString(), dialect)}",
            _ => throw new BmcnnException($"element '{element.Name}': type {element.GetType().Name} has no SPICE form"),
        };
    }

    private static string Probe(string a, string b) => b == "0" ? $"V({a})" : $"V({a},{b})";

    // Xyce wants the expression in braces; ngspice and LTspice take it bare.
    private static string Behavioral(char kind, string expression, SpiceDialect dialect) =>
        dialect == SpiceDialect.Xyce ? $"{kind}={{{expression}}}" : $"{kind}={expression}";
}

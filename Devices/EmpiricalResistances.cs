using System.Collections.Concurrent;
using System.Globalization;
using Bmcnn.Circuit;

namespace Bmcnn.Devices;

/// <summary>
/// Measured resistances of devices programmed ON and OFF, read from a CSV file (<c>state,resistance</c> lines with
/// state <c>on</c>/<c>off</c> (or <c>lrs</c>/<c>hrs</c>) and the resistance in ohms; <c>#</c> comments, blank lines and a
/// <c>state,resistance</c> header are skipped). At least two samples per state. <see cref="Shape"/> turns one state's
/// samples into relative resistances with mean 1 and a chosen coefficient of variation, keeping the data's shape.
/// </summary>
public sealed class EmpiricalResistances
{
    /// <summary>Resource name of the shipped synthetic example (Devices/Data/rram-synthetic.csv).</summary>
    public const string ExampleName = "rram-synthetic.csv";

    private static readonly ConcurrentDictionary<string, EmpiricalResistances> Cache = new(StringComparer.Ordinal);
    private readonly double[] _logOn, _logOff;
    private readonly ConcurrentDictionary<(bool, double), double[]> _shapes = new();

    private EmpiricalResistances(string source, double[] on, double[] off)
    {
        Source = source;
        On = on;
        Off = off;
        _logOn = Standardize(on);
        _logOff = Standardize(off);
    }

    /// <summary>Where the data came from (file path or the example's name).</summary>
    public string Source { get; }

    /// <summary>Resistances of the devices programmed ON, in ohms, in file order.</summary>
    public IReadOnlyList<double> On { get; }

    /// <summary>Resistances of the devices programmed OFF, in ohms, in file order.</summary>
    public IReadOnlyList<double> Off { get; }

    /// <summary>The coefficient of variation of the data itself for one state (population form).</summary>
    public double NativeCv(bool on) => Cv(on ? On : Off);

    /// <summary>The file at <paramref name="path"/> (cached), or the shipped example when null or empty.</summary>
    /// <exception cref="BmcnnException">Missing or malformed file: one line naming the file and the line.</exception>
    public static EmpiricalResistances Load(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return Cache.GetOrAdd("\0example", _ => Parse(ReadExample(), ExampleName));
        }
        var full = Path.GetFullPath(path);
        if (Cache.TryGetValue(full, out var cached)) return cached;
        if (!File.Exists(full)) throw new BmcnnException($"device spec: field 'empiricalFile' ('{path}') not found");
        return Cache.GetOrAdd(full, f => Parse(File.ReadAllText(f), path));
    }

    /// <summary>Parses CSV text; <paramref name="source"/> names it in error messages.</summary>
    public static EmpiricalResistances Parse(string text, string source)
    {
        var on = new List<double>();
        var off = new List<double>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var headerAllowed = true;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var fields = line.Split(',');
            if (headerAllowed && fields.Length == 2 && fields[0].Trim().Equals("state", StringComparison.OrdinalIgnoreCase))
            {
                headerAllowed = false;
                continue;
            }
            headerAllowed = false;
            if (fields.Length != 2) throw Bad(source, i, $"expected 'state,resistance', got '{line}'");
            var state = fields[0].Trim().ToLowerInvariant();
            var list = state is "on" or "lrs" ? on : state is "off" or "hrs" ? off
                : throw Bad(source, i, $"state '{fields[0].Trim()}' is not on, off, lrs or hrs");
            if (!double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var r) || !double.IsFinite(r) || r <= 0)
            {
                throw Bad(source, i, $"resistance '{fields[1].Trim()}' is not a positive number of ohms");
            }
            list.Add(r);
        }
        if (on.Count < 2 || off.Count < 2)
        {
            throw new BmcnnException($"{source}: needs at least two resistances per state (has {on.Count} on, {off.Count} off)");
        }
        return new EmpiricalResistances(source, on.ToArray(), off.ToArray());
    }

    /// <summary>
    /// Relative resistances (mean exactly 1 over the samples) of one state with coefficient of variation
    /// <paramref name="cv"/>: each sample's standardized log-resistance z is mapped to exp(s·z) and normalized, with s
    /// found by bisection so the CV over the samples equals <paramref name="cv"/>. The shape in the log domain (skew,
    /// tails, modes) is the data's; only its width changes. σ = 0 gives all ones.
    /// </summary>
    /// <exception cref="BmcnnException">When <paramref name="cv"/> is beyond what the samples can reach.</exception>
    public double[] Shape(bool on, double cv) => _shapes.GetOrAdd((on, cv), key => BuildShape(key.Item1 ? _logOn : _logOff, key.Item2, key.Item1));

    private double[] BuildShape(double[] z, double cv, bool on)
    {
        var values = new double[z.Length];
        if (cv == 0)
        {
            Array.Fill(values, 1.0);
            return values;
        }
        double lo = 0, hi = 1;
        while (Scaled(z, hi, values) < cv)
        {
            hi *= 2;
            if (hi > 64)
            {
                var field = on ? "sigmaOn" : "sigmaOff";
                throw new BmcnnException($"device spec: field '{field}' ({cv.ToString("G6", CultureInfo.InvariantCulture)}) " +
                    $"is beyond the spread {z.Length} samples of '{Source}' can reach");
            }
        }
        for (var it = 0; it < 100 && hi - lo > 1e-13 * hi; it++)
        {
            var mid = 0.5 * (lo + hi);
            if (Scaled(z, mid, values) < cv) lo = mid;
            else hi = mid;
        }
        Scaled(z, 0.5 * (lo + hi), values);
        return values;
    }

    // Fills values with exp(s·z)/mean and returns their CV.
    private static double Scaled(double[] z, double s, double[] values)
    {
        double sum = 0;
        for (var i = 0; i < z.Length; i++)
        {
            values[i] = Math.Exp(s * z[i]);
            sum += values[i];
        }
        var mean = sum / z.Length;
        for (var i = 0; i < z.Length; i++) values[i] /= mean;
        return Cv(values);
    }

    private static double Cv(IReadOnlyList<double> x)
    {
        double mean = x.Average(), ss = 0;
        foreach (var v in x) ss += (v - mean) * (v - mean);
        return Math.Sqrt(ss / x.Count) / mean;
    }

    private static double[] Standardize(double[] r)
    {
        var y = r.Select(v => Math.Log(v)).ToArray();
        var mean = y.Average();
        var sd = Math.Sqrt(y.Sum(v => (v - mean) * (v - mean)) / y.Length);
        // All samples equal: no shape to keep; any σ > 0 is then unreachable and refused by BuildShape.
        return y.Select(v => sd > 0 ? (v - mean) / sd : 0).ToArray();
    }

    private static string ReadExample()
    {
        using var stream = typeof(EmpiricalResistances).Assembly.GetManifestResourceStream("Bmcnn.Devices." + ExampleName)
            ?? throw new BmcnnException($"the shipped empirical example '{ExampleName}' is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static BmcnnException Bad(string source, int line, string what) => new($"{source}: line {line + 1}: {what}");
}

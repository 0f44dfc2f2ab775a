using BenchmarkDotNet.Attributes;
using Bmcnn.Circuit.Analysis;
using Bmcnn.Circuit.Crossbars;
using Bmcnn.Netlists;

namespace Bmcnn.Benchmarks;

/// <summary>
/// The whole job of `bmcnn solve` on an N×N crossbar netlist with wire resistance: SPICE text → parse → MNA build →
/// ordering → factorization → Newton operating point. The text is what `bmcnn netlist crossbar` writes.
/// </summary>
[MemoryDiagnoser]
public class ProcessBenchmarks
{
    private string _text = null!;

    /// <summary>Crossbar rows = columns.</summary>
    [Params(64, 128, 256)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => _text = CrossbarNetlist(N, seed: 7);

    [Benchmark(Description = "SPICE text -> OP")]
    public double ParseBuildSolve()
    {
        var netlist = SpiceReader.Read(_text, "crossbar.cir").Netlist;
        var op = new DcOperatingPoint(netlist).Solve();
        return op.Iterations;
    }

    /// <summary>A random binary tile (R_ON 10 kΩ, R_OFF 100 kΩ, 2.5 Ω wire segments, ±0.2 V inputs) as SPICE text.</summary>
    public static string CrossbarNetlist(int n, int seed)
    {
        var random = new Random(seed);
        var g = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) g[i, j] = 1 / (random.Next(2) == 0 ? 1e4 : 1e5);
        var inputs = new double[n];
        for (int i = 0; i < n; i++) inputs[i] = random.Next(2) == 0 ? 0.2 : -0.2;
        var spec = new CrossbarSpec
        {
            Conductances = g,
            RowWireOhms = 2.5,
            ColumnWireOhms = 2.5,
            ColumnTermination = ColumnTermination.VirtualGround,
        };
        return SpiceWriter.Write(Crossbar.Build(spec, inputs).Netlist).Text;
    }
}

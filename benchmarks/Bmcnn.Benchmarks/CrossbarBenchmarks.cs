using BenchmarkDotNet.Attributes;
using Bmcnn.Circuit.Crossbars;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Benchmarks;

/// <summary>
/// The engine end to end on an N×N crossbar tile with 1 Ω wire segments and virtual-ground columns: building the
/// circuit, compiling MNA (topology checks, pattern, stamps), ordering, factoring and solving. "transfer matrix" is
/// what circuit-exact inference pays per tile; "sinh tile, new inputs" is one Newton solve of a nonlinear tile whose
/// compiled circuit is reused across inputs.
/// </summary>
[MemoryDiagnoser]
public class CrossbarBenchmarks
{
    private CrossbarSpec _ohmic = null!;
    private Crossbar _sinh = null!;
    private double[] _inputs = null!;

    /// <summary>Crossbar rows = columns.</summary>
    [Params(32, 64, 128)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(N);
        var g = new double[N, N];
        var laws = new ICurrentLaw?[N, N];
        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j < N; j++)
            {
                var ohms = random.Next(2) == 0 ? 1e4 : 1e5;
                g[i, j] = 1 / ohms;
                laws[i, j] = SinhLaw.Calibrated(ohms, 0.2, 0.25);
            }
        }
        _inputs = Enumerable.Range(0, N).Select(_ => random.Next(2) == 0 ? -0.2 : 0.2).ToArray();
        _ohmic = new CrossbarSpec { Conductances = g, RowWireOhms = 1, ColumnWireOhms = 1 };
        _sinh = Crossbar.Build(new CrossbarSpec { Laws = laws, RowWireOhms = 1, ColumnWireOhms = 1 }, _inputs);
        _sinh.ColumnCurrents(_inputs);
    }

    [Benchmark(Description = "build+operating point")]
    public double OperatingPoint()
    {
        var tile = Crossbar.Build(_ohmic, _inputs);
        return tile.ColumnCurrent(tile.Solve(), 0);
    }

    [Benchmark(Description = "build+transfer matrix")]
    public double TransferMatrix() => Crossbar.Build(_ohmic, _inputs).TransferMatrix()[0, 0];

    [Benchmark(Description = "sinh tile, new inputs")]
    public double SinhNewInputs()
    {
        Array.Reverse(_inputs);
        return _sinh.ColumnCurrents(_inputs)[0];
    }
}

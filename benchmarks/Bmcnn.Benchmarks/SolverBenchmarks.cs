using BenchmarkDotNet.Attributes;
using Bmcnn.Circuit.Algebra;
using Bmcnn.Tests.Circuit.Algebra;

namespace Bmcnn.Benchmarks;

/// <summary>
/// The sparse LU on the MNA matrix of an N×N crossbar tile with wire resistance (2N² wire nodes plus drivers and
/// terminations): symbolic analysis with the first factorization, a refactorization with new device values
/// (Monte-Carlo trial or Newton iteration), and one extra right-hand side.
/// </summary>
[MemoryDiagnoser]
public class SolverBenchmarks
{
    private CrossbarSystem _crossbar = null!;
    private SparseLu _lu = null!;
    private double[] _rhs = null!, _work = null!;
    private int _trial;

    /// <summary>Crossbar rows = columns.</summary>
    [Params(64, 128, 256)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _crossbar = new CrossbarSystem(N, N);
        _crossbar.Program(seed: 1);
        _lu = new SparseLu(_crossbar.Matrix);
        _lu.Factor();
        _rhs = _crossbar.Inputs(seed: 2);
        _work = new double[_rhs.Length];
    }

    [Benchmark(Description = "analyze+factor")]
    public int AnalyzeAndFactor()
    {
        var lu = new SparseLu(_crossbar.Matrix);
        lu.Factor();
        return lu.FactorNonZeros;
    }

    [Benchmark(Description = "refactor")]
    public void Refactor()
    {
        _crossbar.Program(seed: ++_trial % 4);
        _lu.Factor();
    }

    [Benchmark(Description = "solve (one rhs)")]
    public double Solve()
    {
        _rhs.CopyTo(_work, 0);
        _lu.Solve(_work);
        return _work[0];
    }
}

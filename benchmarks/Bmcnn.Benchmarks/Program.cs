using System.Diagnostics;
using BenchmarkDotNet.Running;
using Bmcnn.Circuit.Algebra;
using Bmcnn.Tests.Circuit.Algebra;

namespace Bmcnn.Benchmarks;

/// <summary>
/// BenchmarkDotNet entry point (`dotnet run -c Release -- --filter '*'`), plus `quick N...` for a one-shot
/// Stopwatch profile of the solver phases while optimising.
/// </summary>
public static class Program
{
    /// <summary>CPU time of this process: the machine is shared, so wall-clock time in quick mode is noise.</summary>
    private sealed class CpuClock
    {
        private TimeSpan _start = Now();
        private static TimeSpan Now() => Process.GetCurrentProcess().TotalProcessorTime;
        public void Restart() => _start = Now();
        public TimeSpan Elapsed => Now() - _start;
    }

    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "quick")
        {
            foreach (var ordering in new[] { FillOrdering.Amd, FillOrdering.NestedDissection, FillOrdering.Automatic })
                foreach (var arg in args.Skip(1)) Quick(int.Parse(arg), ordering);
            return;
        }
        if (args.Length > 0 && args[0] == "phases")
        {
            foreach (var arg in args.Skip(1)) Phases(int.Parse(arg));
            return;
        }
        if (args.Length > 0 && args[0] == "ldl")
        {
            foreach (var arg in args.Skip(1)) SymmetricVersusLu(int.Parse(arg));
            return;
        }
        if (args.Length > 0 && args[0] == "process")
        {
            foreach (var arg in args.Skip(1)) WholeProcess(int.Parse(arg));
            return;
        }
        if (args.Length > 0 && args[0] == "engine")
        {
            foreach (var arg in args.Skip(1)) Engine(int.Parse(arg));
            return;
        }
        if (args.Length > 0 && args[0] == "parse")
        {
            foreach (var arg in args.Skip(1)) Parse(int.Parse(arg));
            return;
        }
        if (args.Length > 0 && args[0] == "grid")
        {
            foreach (var arg in args.Skip(1)) Grid(int.Parse(arg));
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    private static double Min(Action action)
    {
        double best = double.MaxValue;
        for (int rep = 0; rep < 3; rep++)
        {
            var clock = new CpuClock();
            action();
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
        }
        return best;
    }

    private static void Phases(int n)
    {
        var crossbar = new CrossbarSystem(n, n);
        crossbar.Program(seed: 1);
        var m = crossbar.Matrix;
        var pattern = AmdOrdering.SymmetricPattern(m);
        int[] amd = null!, nd = null!;
        Console.WriteLine($"N={n}: pattern {Min(() => pattern = AmdOrdering.SymmetricPattern(m)):F1}ms " +
            $"amd {Min(() => amd = AmdOrdering.Order(m.Size, pattern.Pointers, pattern.Adjacency)):F1}ms " +
            $"nd {Min(() => nd = NestedDissectionOrdering.Order(m.Size, pattern.Pointers, pattern.Adjacency)):F1}ms " +
            $"ops(amd) {Min(() => SymbolicFactorization.Operations(m.Size, pattern.Pointers, pattern.Adjacency, amd)):F1}ms " +
            $"symbolic(nd) {Min(() => SymbolicFactorization.Build(m.Size, pattern.Pointers, pattern.Adjacency, nd)):F1}ms " +
            $"constructor(auto) {Min(() => new SparseLu(m)):F1}ms");
        var lu = new SparseLu(m);
        lu.Factor();
        Console.WriteLine($"  factor(first) {Min(() => { lu.ResetPivots(); lu.Factor(); }):F1}ms refactor {Min(lu.Factor):F1}ms");
        var rhs = crossbar.Inputs(seed: 3);
        var block = new double[rhs.Length * 32];
        for (int c = 0; c < 32; c++) rhs.CopyTo(block, c * rhs.Length);
        var x1 = new double[rhs.Length];
        Console.WriteLine($"  solve {Min(() => { rhs.CopyTo(x1, 0); lu.Solve(x1); }):F2}ms transposed " +
            $"{Min(() => { rhs.CopyTo(x1, 0); lu.SolveTransposed(x1); }):F2}ms " +
            $"32 rhs {Min(() => lu.Solve(block, 32)) / 32:F2}ms/rhs; {lu.Ordering}, ops {lu.FactorOperations / 1e6:F1}M, nnz(LU) " +
                $"{lu.FactorNonZeros}");
    }

    /// <summary>
    /// Refactorization of an N×N crossbar as L·D·Lᵀ (symmetric values) against LU (one entry moved by one ulp), on one
    /// and two threads, CPU milliseconds, best of several alternating rounds.
    /// </summary>
    private static void SymmetricVersusLu(int n)
    {
        var crossbar = new CrossbarSystem(n, n);
        crossbar.Program(seed: 1);
        var m = crossbar.Matrix;
        int slot = m.IndexOf(crossbar.R(0, 0), crossbar.C(0, 0));
        double symmetric = m.Values[slot];
        foreach (int threads in new[] { 1, 2 })
        {
            var lu = new SparseLu(m, FillOrdering.Automatic, threads);
            double ldl = double.MaxValue, general = double.MaxValue, ldlSolve = double.MaxValue, luSolve = double.MaxValue;
            long ldlOps = 0, luOps = 0;
            var rhs = crossbar.Inputs(seed: 3);
            var x = new double[rhs.Length];
            for (int round = 0; round < 5; round++)
            {
                m.Values[slot] = symmetric;
                ldl = Math.Min(ldl, Min(lu.Factor));
                if (!lu.IsSymmetricFactorization) throw new InvalidOperationException("symmetric path not taken");
                ldlOps = lu.FactorOperations;
                ldlSolve = Math.Min(ldlSolve, Min(() => { rhs.CopyTo(x, 0); lu.Solve(x); }));
                m.Values[slot] = Math.BitIncrement(symmetric);
                general = Math.Min(general, Min(lu.Factor));
                luOps = lu.FactorOperations;
                luSolve = Math.Min(luSolve, Min(() => { rhs.CopyTo(x, 0); lu.Solve(x); }));
            }
            m.Values[slot] = symmetric;
            Console.WriteLine($"N={n} threads={threads} (two-thread plan: {lu.FactorsOnTwoThreads}): refactor LDLt {ldl:F1}ms ({ldlOps / 1e6:F1}M " +
                $"ops) " +
                $"LU {general:F1}ms ({luOps / 1e6:F1}M ops), ratio {ldl / general:F2}; solve LDLt {ldlSolve:F2}ms LU {luSolve:F2}ms");
        }
    }

    private static void WholeProcess(int n)
    {
        var text = ProcessBenchmarks.CrossbarNetlist(n, seed: 7);
        for (int rep = 0; rep < 2; rep++)
        {
            var cpu = new CpuClock();
            var wall = Stopwatch.StartNew();
            var netlist = Bmcnn.Netlists.SpiceReader.Read(text, "crossbar.cir").Netlist;
            double parse = cpu.Elapsed.TotalMilliseconds;
            cpu.Restart();
            var analysis = new Bmcnn.Circuit.Analysis.DcOperatingPoint(netlist);
            double build = cpu.Elapsed.TotalMilliseconds;
            cpu.Restart();
            var op = analysis.Solve();
            double solve = cpu.Elapsed.TotalMilliseconds;
            cpu.Restart();
            var system = new Bmcnn.Circuit.Analysis.MnaSystem(netlist);
            double mna = cpu.Elapsed.TotalMilliseconds;
            cpu.Restart();
            var x = new double[system.Size];
            var rhs = new double[system.Size];
            system.Load(x, 1, 0, rhs);
            var lu = new SparseLu(system.Matrix);
            double analyze = cpu.Elapsed.TotalMilliseconds;
            cpu.Restart();
            lu.Factor();
            double factor = cpu.Elapsed.TotalMilliseconds;
            Console.WriteLine($"  engine matrix n={system.Size} nnz={system.Matrix.NonZeros}: MnaSystem {mna:F0}ms analyze {analyze:F0}ms " +
                $"({lu.Ordering}) factor {factor:F0}ms " +
                $"diagonal={lu.DiagonalFactorizations} pivoting={lu.PivotingFactorizations} ops={lu.FactorOperations / 1e6:F1}M " +
                    $"nnz(LU)={lu.FactorNonZeros}");
            Console.WriteLine($"process N={n} ({text.Length / 1024} KiB of SPICE): parse {parse:F0}ms build {build:F0}ms " +
                $"OP {solve:F0}ms ({op.Iterations} Newton iterations, {op.Method}) = {parse + build + solve:F0}ms CPU, " +
                    $"{wall.ElapsedMilliseconds}ms wall");
        }
    }

    /// <summary>
    /// Build + OP of the engine on a parsed crossbar netlist (what the warm in-process target measures):
    /// the best of several repetitions of each phase, CPU time.
    /// </summary>
    private static void Engine(int n)
    {
        var netlist = Bmcnn.Netlists.SpiceReader.Read(ProcessBenchmarks.CrossbarNetlist(n, seed: 7), "crossbar.cir").Netlist;
        double best = double.MaxValue, bestBuild = double.MaxValue, bestOp = double.MaxValue;
        double mna = double.MaxValue, order = double.MaxValue, symbolic = double.MaxValue, factor = double.MaxValue;
        string method = "";
        long ops = 0;
        for (int rep = 0; rep < 7; rep++)
        {
            var cpu = new CpuClock();
            var analysis = new Bmcnn.Circuit.Analysis.DcOperatingPoint(netlist);
            double build = cpu.Elapsed.TotalMilliseconds;
            cpu.Restart();
            var op = analysis.Solve();
            double solve = cpu.Elapsed.TotalMilliseconds;
            method = op.Method;
            bestBuild = Math.Min(bestBuild, build);
            bestOp = Math.Min(bestOp, solve);
            best = Math.Min(best, build + solve);
            cpu.Restart();
            var system = new Bmcnn.Circuit.Analysis.MnaSystem(netlist);
            mna = Math.Min(mna, cpu.Elapsed.TotalMilliseconds);
            var lu = new SparseLu(system.Matrix);
            order = Math.Min(order, lu.OrderingTime.TotalMilliseconds);
            symbolic = Math.Min(symbolic, lu.SymbolicTime.TotalMilliseconds);
            system.Refresh();
            cpu.Restart();
            lu.Factor();
            factor = Math.Min(factor, cpu.Elapsed.TotalMilliseconds);
            ops = lu.FactorOperations;
        }
        Console.WriteLine($"engine N={n}: build+OP {best:F0}ms (build {bestBuild:F0}ms, OP {bestOp:F0}ms, {method}); " +
            $"MnaSystem {mna:F0}ms ordering {order:F0}ms symbolic {symbolic:F0}ms factor {factor:F0}ms ({ops / 1e6:F1}M ops), best of 7, CPU");
    }

    // The SPICE reader alone, warm: the first call (JIT, empty heap) and the best of ten, in CPU time.
    private static void Parse(int n)
    {
        var text = ProcessBenchmarks.CrossbarNetlist(n, seed: 7);
        double first = 0, best = double.MaxValue;
        long allocated = 0;
        for (int rep = 0; rep < 10; rep++)
        {
            var cpu = new CpuClock();
            long before = GC.GetAllocatedBytesForCurrentThread();
            var netlist = Bmcnn.Netlists.SpiceReader.Read(text, "crossbar.cir").Netlist;
            double ms = cpu.Elapsed.TotalMilliseconds;
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (rep == 0) first = ms;
            best = Math.Min(best, ms);
            GC.KeepAlive(netlist);
        }
        Console.WriteLine($"parse N={n} ({text.Length / 1024} KiB of SPICE): first {first:F0}ms, best of 10 {best:F0}ms CPU " +
            $"({text.Length / 1e3 / best:F0} MB/s), {allocated / 1e6:F0} MB allocated per read");
    }

    private static void Grid(int k)
    {
        int n = k * k;
        var builder = new SparseMatrixBuilder(n);
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                int a = i * k + j;
                builder.Entry(a, a);
                if (j + 1 < k) { builder.Entry(a, a + 1); builder.Entry(a + 1, a); }
                if (i + 1 < k) { builder.Entry(a, a + k); builder.Entry(a + k, a); }
            }
        var m = builder.Build();
        for (int j = 0; j < n; j++)
            for (int p = m.ColumnPointers[j]; p < m.ColumnPointers[j + 1]; p++) m.Values[p] = m.RowIndices[p] == j ? 4.5 : -1;
        var lu = new SparseLu(m);
        lu.Factor();
        Console.WriteLine($"grid {k}x{k}: nnz(L+U)={lu.FactorNonZeros} nnz(L)~{(lu.FactorNonZeros + n) / 2} ops={lu.FactorOperations / 1e6:F1}M");
    }

    private static void Quick(int n, FillOrdering ordering)
    {
        var clock = new CpuClock();
        var crossbar = new CrossbarSystem(n, n);
        crossbar.Program(seed: 1);
        var build = clock.Elapsed.TotalMilliseconds;
        for (int rep = 0; rep < 1; rep++)
        {
            clock.Restart();
            if (ordering == FillOrdering.Amd) AmdOrdering.Order(crossbar.Matrix);
            else if (ordering == FillOrdering.NestedDissection) NestedDissectionOrdering.Order(crossbar.Matrix);
            var orderOnly = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var lu = new SparseLu(crossbar.Matrix, ordering);
            var analyze = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            lu.Factor();
            var factor = clock.Elapsed.TotalMilliseconds;
            crossbar.Program(seed: 2);
            clock.Restart();
            lu.Factor();
            var refactor = clock.Elapsed.TotalMilliseconds;
            var rhs = crossbar.Inputs(seed: 3);
            var x = (double[])rhs.Clone();
            clock.Restart();
            lu.Solve(x);
            var solve = clock.Elapsed.TotalMilliseconds;
            const int many = 16;
            var block = new double[rhs.Length * many];
            for (int c = 0; c < many; c++) rhs.CopyTo(block, c * rhs.Length);
            clock.Restart();
            lu.Solve(block, many);
            var solveMany = clock.Elapsed.TotalMilliseconds / many;
            var ax = new double[rhs.Length];
            crossbar.Matrix.Multiply(x, ax);
            double res = 0;
            for (int i = 0; i < rhs.Length; i++) res = Math.Max(res, Math.Abs(ax[i] - rhs[i]));
            Console.WriteLine($"{ordering}->{lu.Ordering} N={n} unknowns={crossbar.Size} nnz(A)={crossbar.Matrix.NonZeros} " +
                $"nnz(LU)={lu.FactorNonZeros} " +
                $"build={build:F1}ms analyze={analyze:F1}ms (order alone {orderOnly:F1}ms) factor={factor:F1}ms refactor={refactor:F1}ms " +
                    $"solve={solve:F2}ms " +
                $"solve/rhs(x{many})={solveMany:F2}ms ops={lu.FactorOperations / 1e6:F1}M pivoting={lu.PivotingFactorizations} residual={res:E1}");
            crossbar.Program(seed: 1);
        }
    }
}

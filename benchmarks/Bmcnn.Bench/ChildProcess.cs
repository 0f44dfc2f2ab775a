using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using Bmcnn.Circuit;

namespace Bmcnn.Bench;

/// <summary>
/// Runs this same <c>bmcnn</c> program (or another bmcnn build) as a fresh child process and measures it from the outside: wall time from
/// start to exit and the CPU time the kernel charged to it, start-up and JIT included, as a user who types the
/// command would experience it.
/// </summary>
public static partial class ChildProcess
{
    // The CLI's assembly name (examples/Bmcnn.Cli: AssemblyName bmcnn).
    private const string BmcnnAssembly = "bmcnn";

    /// <summary>One finished run.</summary>
    /// <param name="ExitCode">The child's exit code.</param>
    /// <param name="Wall">Start to exit.</param>
    /// <param name="Cpu">User plus system CPU time of the child (from <c>getrusage(RUSAGE_CHILDREN)</c>).</param>
    /// <param name="Output">What the child wrote to standard output (empty when it was discarded).</param>
    /// <param name="Error">What the child wrote to standard error.</param>
    public readonly record struct Run(int ExitCode, TimeSpan Wall, TimeSpan Cpu, string Output, string Error)
    {
        /// <summary>Throws a one-line error naming the command when the child failed.</summary>
        public Run EnsureSuccess(IReadOnlyList<string> args) => ExitCode == 0 ? this
            : throw new BmcnnException($"bmcnn {string.Join(' ', args)} exited with {ExitCode}: {Error.ReplaceLineEndings(" ").Trim()}");
    }

    /// <summary>
    /// Runs <c>bmcnn ARGS</c>; standard output is kept only when <paramref name="keepOutput"/> is set.
    /// <paramref name="program"/> is the bmcnn to run: an executable (the apphost or the NativeAOT binary), a
    /// <c>bmcnn.dll</c> (run on the dotnet host), or null for this same program.
    /// </summary>
    public static Run Bmcnn(IReadOnlyList<string> args, bool keepOutput = false, string? program = null)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        program ??= Self();
        if (program.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            start.FileName = DotnetHost();
            start.ArgumentList.Add(program);
        }
        else
        {
            start.FileName = program;
        }
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        return Measure(start, keepOutput);
    }

    /// <summary>Runs another program (e.g. ngspice) the same way, measured alike; standard output is kept.</summary>
    public static Run Other(string program, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo
        {
            FileName = program,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        return Measure(start, keepOutput: true);
    }

    private static Run Measure(ProcessStartInfo start, bool keepOutput)
    {
        var cpuBefore = ChildrenCpu();
        var wall = Stopwatch.StartNew();
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {start.FileName}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            // Typically a --bmcnn FILE that is not an executable.
            throw new BmcnnException($"cannot start '{start.FileName}': {ex.Message}", ex);
        }
        using var _ = process;
        // Drain both pipes so a chatty child never blocks on a full pipe.
        var stdout = keepOutput ? process.StandardOutput.ReadToEndAsync()
            : process.StandardOutput.BaseStream.CopyToAsync(Stream.Null).ContinueWith(_ => "", TaskScheduler.Default);
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        wall.Stop();
        return new Run(process.ExitCode, wall.Elapsed, ChildrenCpu() - cpuBefore, stdout.Result, stderr.Result);
    }

    // The running bmcnn: the process itself when it is bmcnn's own executable (apphost or NativeAOT binary, where
    // assemblies have no file), else (`dotnet bmcnn.dll`, a test host) the bmcnn assembly in the application folder.
    private static string Self()
    {
        var self = Environment.ProcessPath ?? "";
        var underDotnet = Path.GetFileNameWithoutExtension(self) == "dotnet";
        if (!underDotnet && self.Length > 0 && Assembly.GetEntryAssembly()?.GetName().Name == BmcnnAssembly)
        {
            return self;
        }
        return Path.Combine(AppContext.BaseDirectory, BmcnnAssembly + ".dll");
    }

    private static string DotnetHost()
    {
        var self = Environment.ProcessPath ?? "";
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath ? hostPath
            : Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    // CPU time of all waited-for children so far; the difference around one run is that child's time.
    private static TimeSpan ChildrenCpu()
    {
        if (!OperatingSystem.IsLinux() || getrusage(-1, out var usage) != 0)
        {
            return TimeSpan.Zero;
        }
        long micros = (usage.UserSeconds + usage.SystemSeconds) * 1_000_000 + usage.UserMicros + usage.SystemMicros;
        return TimeSpan.FromTicks(micros * 10);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicros;
        public long SystemSeconds;
        public long SystemMicros;
        // The remaining 14 long fields of struct rusage; unused but part of its size.
        public long F0, F1, F2, F3, F4, F5, F6, F7, F8, F9, F10, F11, F12, F13;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrusage(int who, out ResourceUsage usage);
}

using System.Diagnostics;
using System.Runtime.InteropServices;
using Bmcnn.Circuit;

namespace Bmcnn.Cli.Bench;

/// <summary>
/// Runs this same <c>bmcnn</c> program as a fresh child process and measures it from the outside: wall time from
/// start to exit and the CPU time the kernel charged to it, start-up and JIT included, as a user who types the
/// command would experience it.
/// </summary>
public static partial class ChildProcess
{
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

    /// <summary>Runs <c>bmcnn ARGS</c>; standard output is kept only when <paramref name="keepOutput"/> is set.</summary>
    public static Run Bmcnn(IReadOnlyList<string> args, bool keepOutput = false)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var self = Environment.ProcessPath ?? "";
        if (Path.GetFileNameWithoutExtension(self) == "bmcnn")
        {
            start.FileName = self;
        }
        else
        {
            // Started as `dotnet bmcnn.dll` or inside a test host: run the bmcnn assembly on the dotnet host.
            start.FileName = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath ? hostPath
                : Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        var cpuBefore = ChildrenCpu();
        var wall = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {start.FileName}");
        // Drain both pipes so a chatty child never blocks on a full pipe.
        var stdout = keepOutput ? process.StandardOutput.ReadToEndAsync()
            : process.StandardOutput.BaseStream.CopyToAsync(Stream.Null).ContinueWith(_ => "", TaskScheduler.Default);
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        wall.Stop();
        return new Run(process.ExitCode, wall.Elapsed, ChildrenCpu() - cpuBefore, stdout.Result, stderr.Result);
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

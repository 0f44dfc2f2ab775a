using System.Diagnostics;
using System.Globalization;

namespace Bmcnn.Cli;

/// <summary>
/// <c>BMCNN_PROFILE=1</c>: where a cold process spends its time. Each <see cref="Mark"/> closes a phase and records its
/// wall time, the bytes it allocated and the minor page faults it took; <see cref="Report"/> prints them as one line on
/// standard error. Without the variable nothing is recorded and nothing is printed.
/// </summary>
internal sealed class PhaseProfile
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Name, TimeSpan At, long Bytes, long Faults)> _marks = [];
    private readonly long _startFaults;

    private PhaseProfile() => _startFaults = MinorFaults();

    /// <summary>A profile started now when <c>BMCNN_PROFILE=1</c>, else null (use with <c>?.</c>).</summary>
    public static PhaseProfile? StartIfRequested() =>
        Environment.GetEnvironmentVariable("BMCNN_PROFILE") == "1" ? new PhaseProfile() : null;

    /// <summary>Ends the phase called <paramref name="name"/> (it began at the previous mark or at the start).</summary>
    public void Mark(string name) => _marks.Add((name, _clock.Elapsed, GC.GetTotalAllocatedBytes(), MinorFaults()));

    /// <summary>
    /// Writes <c>profile: NAME T ms (DETAIL), ...</c>, then process time, collections, allocations and page faults per
    /// phase; <paramref name="details"/> adds a parenthesis after the named phase's time.
    /// </summary>
    public void Report(TextWriter error, IReadOnlyDictionary<string, string>? details = null)
    {
        var c = CultureInfo.InvariantCulture;
        var phases = new List<string>();
        var (previousAt, previousBytes, previousFaults) = (TimeSpan.Zero, 0L, _startFaults);
        var (bytes, faults) = (new List<string>(), new List<string>());
        foreach (var (name, at, allocated, faulted) in _marks)
        {
            var detail = details is not null && details.TryGetValue(name, out var text) ? $" ({text})" : "";
            phases.Add(string.Create(c, $"{name} {(at - previousAt).TotalMilliseconds:F0} ms{detail}"));
            // The first phase's allocations count from process start, its page faults from the profile's start.
            bytes.Add(((allocated - previousBytes) / 1048576.0).ToString("F1", c));
            faults.Add((faulted - previousFaults).ToString(c));
            (previousAt, previousBytes, previousFaults) = (at, allocated, faulted);
        }
        var names = string.Join('/', _marks.Select(m => m.Name));
        var sinceStart = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        error.WriteLine(string.Create(c,
            $"profile: {string.Join(", ", phases)}, since process start {sinceStart:F0} ms, "
            + $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} gen0/1/2 collections pausing "
            + $"{GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms, allocated {string.Join('/', bytes)} MB and page faults "
            + $"{string.Join('/', faults)} (process {MinorFaults()}) in {names}"));
    }

    // Minor page faults of this process so far (Linux /proc/self/stat field 10; 0 elsewhere): a cold process pays one
    // for every 4 KiB it touches first, and on virtual machines they cost microseconds each.
    private static long MinorFaults()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[7], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }
}

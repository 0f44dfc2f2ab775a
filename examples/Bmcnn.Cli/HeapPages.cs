using System.Globalization;
using System.Runtime.InteropServices;

namespace Bmcnn.Cli;

/// <summary>
/// Puts the garbage-collected heap on transparent huge pages (Linux, where THP is in "madvise" mode as on our machines).
/// The collector commits its heap 64 KiB at a time and marks each piece separately for core dumps, so the kernel never
/// finds a whole 2 MiB range to back with one huge page: every 4 KiB page is faulted in on its own, and on our virtual
/// machines a first touch costs about 15 µs of CPU (a cold 128x128 <c>solve</c> takes 12,600 faults). Committing the
/// heap's next few hundred megabytes up front in one piece, marked for dumps and advised as huge, makes those faults
/// 2 MiB each (about 1,100 in all). Nothing is touched here: untouched pages cost nothing, and the collector's own
/// commits of the same range change nothing. Any failure leaves the heap as it was. It is opt-in: only
/// <c>BMCNN_HUGEPAGES=1</c> turns it on.
/// </summary>
internal static partial class HeapPages
{
    private const ulong HugePage = 2UL << 20;
    private const ulong Below = 32UL << 20;
    // The reservation is tens of gigabytes; its first and last stretch are left alone in case another anonymous mapping
    // (a thread's stack and guard page) happens to adjoin it.
    private const ulong Margin = 64UL << 20;
    private const ulong MinimumReservation = 1UL << 30;
    private const ulong Above = 512UL << 20;
    private const int ReadWrite = 3;     // PROT_READ | PROT_WRITE
    private const int DoDump = 17;       // MADV_DODUMP
    private const int HugePageAdvice = 14; // MADV_HUGEPAGE

    /// <summary>
    /// Advises the heap around the current allocations; call once, first thing in the process. Does nothing unless
    /// <c>BMCNN_HUGEPAGES=1</c>.
    /// </summary>
    public static void Prepare()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("BMCNN_HUGEPAGES") != "1")
        {
            return;
        }
        try
        {
            Advise();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or OverflowException
            or DllNotFoundException or EntryPointNotFoundException)
        {
            // An unusual /proc or libc: run as before.
        }
    }

    private static void Advise()
    {
        // Where the collector allocates now: a fresh object's address, inside its reservation.
        var probe = new byte[16];
        var handle = GCHandle.Alloc(probe, GCHandleType.Pinned);
        var address = (ulong)handle.AddrOfPinnedObject();
        handle.Free();

        // The reservation is the run of adjacent anonymous mappings (committed and not) around that address.
        var maps = new List<(ulong Start, ulong End, bool Anonymous)>();
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            var dash = line.IndexOf('-');
            var space = line.IndexOf(' ');
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            maps.Add((ulong.Parse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ulong.Parse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                fields.Length < 6 && fields[4] == "0"));
        }
        var at = maps.FindIndex(m => m.Start <= address && address < m.End);
        if (at < 0 || !maps[at].Anonymous)
        {
            return;
        }
        var first = at;
        while (first > 0 && maps[first - 1].End == maps[first].Start && maps[first - 1].Anonymous)
        {
            first--;
        }
        var last = at;
        while (last + 1 < maps.Count && maps[last + 1].Start == maps[last].End && maps[last + 1].Anonymous)
        {
            last++;
        }
        var (runStart, runEnd) = (maps[first].Start, maps[last].End);
        if (runEnd - runStart < MinimumReservation)
        {
            return;
        }
        var here = address & ~(HugePage - 1);
        var from = Math.Max((runStart + Margin + HugePage - 1) & ~(HugePage - 1), here > Below ? here - Below : 0);
        var to = Math.Min((runEnd - Margin) & ~(HugePage - 1), here + Above);
        if (to <= from)
        {
            return;
        }
        var length = (nuint)(to - from);
        if (mprotect((nint)from, length, ReadWrite) == 0 && madvise((nint)from, length, DoDump) == 0)
        {
            madvise((nint)from, length, HugePageAdvice);
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int mprotect(nint address, nuint length, int protection);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int madvise(nint address, nuint length, int advice);
}

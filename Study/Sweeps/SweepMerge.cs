using System.Globalization;
using Bmcnn.Circuit;
using Bmcnn.Study.Csv;

namespace Bmcnn.Study.Sweeps;

/// <summary>
/// Joins shard CSVs into one in canonical row order, which is byte for byte the unsharded run's file apart from the
/// <c>seconds</c> column. A row present in two files must agree on seed and accuracy (it was rerun), else the merge
/// refuses: the shards came from different commands. Their pulse sidecars are joined the same way.
/// </summary>
public static class SweepMerge
{
    /// <summary>Reads and joins the files.</summary>
    /// <exception cref="BmcnnException">Conflicting duplicates, or files sweeping different parameters.</exception>
    public static IReadOnlyList<SweepRow> Merge(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
        {
            throw new BmcnnException("sweep merge: no input files");
        }
        var rows = new Dictionary<SweepKey, (SweepRow Row, string Path)>();
        string? parameter = null;
        string? parameterPath = null;
        foreach (var path in paths)
        {
            foreach (var row in SweepCsv.Read(path))
            {
                if (parameter is null)
                {
                    parameter = row.Parameter;
                    parameterPath = path;
                }
                else if (parameter != row.Parameter)
                {
                    throw new BmcnnException($"sweep merge: {path} sweeps '{row.Parameter}' but {parameterPath} sweeps '{parameter}'");
                }
                if (rows.TryGetValue(row.Key, out var earlier))
                {
                    if (earlier.Row.Seed != row.Seed || earlier.Row.Accuracy != row.Accuracy)
                    {
                        throw new BmcnnException(
                            $"sweep merge: {row.Parameter}={row.Value.ToString("R", CultureInfo.InvariantCulture)} {row.Mitigation} trial " +
                                $"{row.Trial} " +
                            $"differs between {earlier.Path} and {path} (seed or accuracy); were they run with the same command?");
                    }
                    continue;
                }
                rows[row.Key] = (row, path);
            }
        }
        return rows.Values.Select(v => v.Row).OrderBy(r => r.Key).ToArray();
    }

    /// <summary>
    /// Joins the pulse sidecars (<see cref="PulseCsv"/>) of <paramref name="paths"/> that exist, keeping the lines of
    /// <paramref name="merged"/>'s rows; a trial counted in two sidecars must agree.
    /// </summary>
    /// <exception cref="BmcnnException">Conflicting duplicates.</exception>
    public static IReadOnlyList<PulseRow> MergePulses(IReadOnlyList<string> paths, IReadOnlyList<SweepRow> merged)
    {
        var pulses = new Dictionary<SweepKey, (PulseRow Row, string Path)>();
        foreach (var path in paths)
        {
            foreach (var row in PulseCsv.ReadFor(path, merged))
            {
                if (pulses.TryGetValue(row.Key, out var earlier))
                {
                    if (earlier.Row != row)
                    {
                        throw new BmcnnException(
                            $"sweep merge: pulses of {row.Parameter}={row.Value.ToString("R", CultureInfo.InvariantCulture)} {row.Mitigation} " +
                                $"trial {row.Trial} " +
                            $"differ between {PulseCsv.PathFor(earlier.Path)} and {PulseCsv.PathFor(path)}");
                    }
                    continue;
                }
                pulses[row.Key] = (row, path);
            }
        }
        return pulses.Values.Select(v => v.Row).OrderBy(p => p.Key).ToArray();
    }
}

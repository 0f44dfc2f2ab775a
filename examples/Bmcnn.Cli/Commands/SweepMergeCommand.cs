using System.CommandLine;
using Bmcnn.Study.Csv;
using Bmcnn.Study.Plots;
using Bmcnn.Study.Statistics;
using Bmcnn.Study.Sweeps;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// <c>bmcnn sweep merge A.csv B.csv … --out ALL.csv [--plot FILE.png]</c>: joins shard CSVs, and their pulse sidecars
/// (<c>A.pulses.csv</c> …) into <c>ALL.pulses.csv</c>.
/// </summary>
public static class SweepMergeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "shard CSVs written by `bmcnn sweep --shard K/N`",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out") { Description = "merged CSV (rows in canonical order)", Required = true };
        var plot = new Option<string?>("--plot") { Description = "also write the accuracy plot (PNG)" };
        var command = new Command("merge", "Join shard CSVs into one file equal to the unsharded run; print the summary") { files, output, plot };
        command.SetAction(parseResult =>
        {
            var writer = parseResult.InvocationConfiguration.Output;
            var paths = parseResult.GetValue(files)!.Select(path => OptionValues.Path(path, files)).ToArray();
            var outPath = OptionValues.Path(parseResult, output);
            var plotPath = OptionValues.Path(parseResult.GetValue(plot), plot);
            var rows = SweepMerge.Merge(paths);
            var pulses = SweepMerge.MergePulses(paths, rows);
            var pulsePath = PulseCsv.PathFor(outPath);
            if (pulses.Count > 0 || File.Exists(pulsePath))
            {
                // The sidecar first, as the sweep does; an old sidecar of the output is replaced, never left stale.
                PulseCsv.Write(pulsePath, pulses);
            }
            SweepCsv.Write(outPath, rows);
            var summary = SweepSummary.Compute(rows);
            writer.WriteLine($"merged {rows.Count} rows from {paths.Length} files into {outPath}"
                + (pulses.Count > 0 ? $" (pulse counts of {pulses.Count} trials into {pulsePath})" : ""));
            writer.Write(SweepSummary.FormatTable(summary));
            foreach (var line in PulseCsv.Format(pulses))
            {
                writer.WriteLine(line);
            }
            if (plotPath is not null && rows.Count > 0)
            {
                SweepPlot.Write(plotPath, SweepParameter.Parse(rows[0].Parameter), summary);
                writer.WriteLine($"plot: {plotPath}");
            }
            return 0;
        });
        return command;
    }
}

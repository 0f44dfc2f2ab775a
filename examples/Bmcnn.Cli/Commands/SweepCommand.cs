using System.CommandLine;
using Bmcnn.Circuit;
using Bmcnn.Cli.Terminal;
using Bmcnn.Mapping.Analog;
using Bmcnn.Study.Csv;
using Bmcnn.Study.Plots;
using Bmcnn.Study.Statistics;
using Bmcnn.Study.Sweeps;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// <c>bmcnn sweep</c>: a Monte-Carlo sweep of one device parameter over values × mitigations × trials, written as a
/// resumable CSV with a summary and a plot; <c>sweep merge</c> joins shards.
/// </summary>
public static class SweepCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var vary = new Option<string>("--vary")
        {
            Description = "parameter: " + string.Join("|", SweepParameter.All.Select(p => p.Name)),
            Required = true,
        };
        var values = new Option<string>("--values")
        {
            Description = "comma-separated values and/or ranges start:step:stop (σ relative, Ω, A, fractions)",
            Required = true,
        };
        var trials = new Option<int>("--trials") { Description = "Monte-Carlo trials per (value, mitigation)", DefaultValueFactory = _ => 10 };
        var mitigation = new Option<string>("--mitigation")
        {
            Description = "comma-separated list: none, vat, redundancy:K, reference, differential, calibrate[:N], verify[:TOL]; combine with '+'",
            DefaultValueFactory = _ => "none",
        };
        var mode = new Option<string>("--mode")
        {
            Description = "behavioral (Kirchhoff sums) or circuit (transfer matrices with wires)",
            DefaultValueFactory = _ => "behavioral",
        };
        var output = new Option<string>("--out") { Description = "CSV of results (resumed when it exists)", Required = true };
        var plot = new Option<string?>("--plot") { Description = "accuracy plot (PNG)" };
        var shard = new Option<string?>("--shard") { Description = "run shard K of N of the grid (K/N), for array jobs; join with `sweep merge`" };
        var firstTrial = new Option<int>("--first-trial")
        {
            Description = "number of the first trial (rerun one row: --first-trial N --trials 1)",
            DefaultValueFactory = _ => 0,
        };
        var jobs = CommonOptions.Jobs();
        var energy = new Option<bool>("--energy") { Description = "also record the mean energy per image (column energy_j)" };
        var device = new StudyOptions();
        var command = new Command("sweep", "Monte-Carlo sweep of device variation and mitigations (see docs/study.md)")
        {
            vary, values, trials, firstTrial, mitigation, mode, output, plot, shard, jobs, energy,
        };
        device.AddTo(command);
        command.Subcommands.Add(SweepMergeCommand.Create());
        command.SetAction(async (parseResult, cancellation) =>
        {
            var writer = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var parameter = SweepParameter.Parse(parseResult.GetValue(vary)!);
            var grid = new SweepGrid(parameter, parameter.ParseValues(parseResult.GetValue(values)!),
                Mitigation.ParseList(parseResult.GetValue(mitigation)!), parseResult.GetValue(trials), device.BaseSeed(parseResult),
                parseResult.GetValue(firstTrial));
            var shardSpec = parseResult.GetValue(shard) is { } s ? ShardSpec.Parse(s) : ShardSpec.All;
            var inferenceMode = ParseMode(parseResult.GetValue(mode)!);
            var outPath = OptionValues.Path(parseResult, output);
            var plotPath = OptionValues.Path(parseResult.GetValue(plot), plot);
            var setup = device.Load(parseResult, grid.Mitigations, writer);
            var evaluator = new CrossbarTrialEvaluator(setup.Model, setup.VatModel, setup.Spec, inferenceMode, setup.Test, setup.Train,
                setup.ThreadsPerTrial(parseResult.GetValue(jobs)), parseResult.GetValue(energy))
            { NoiseModel = setup.NoiseModel };
            await Task.Yield();
            var result = Run(grid, shardSpec, outPath, evaluator, setup.Jobs(parseResult.GetValue(jobs)), writer, error, cancellation);
            Report(result, outPath, plotPath, parameter, writer);
            return result.Cancelled ? 130 : 0;
        });
        return command;
    }

    /// <summary>Parses <c>--mode</c>.</summary>
    public static InferenceMode ParseMode(string text) => text switch
    {
        "behavioral" => InferenceMode.Behavioral,
        "circuit" => InferenceMode.Circuit,
        _ => throw new BmcnnException($"--mode: unknown mode '{text}' (expected behavioral or circuit)"),
    };

    /// <summary>Runs a grid with the progress view; shared with <c>reproduce</c>.</summary>
    public static SweepRunResult Run(SweepGrid grid, ShardSpec shard, string outPath, ITrialEvaluator evaluator, int jobs,
        TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var existing = SweepRunner.ReadExisting(outPath, grid);
        var done = existing.Select(r => r.Key).ToHashSet();
        var pending = grid.Shard(shard).Count(p => !done.Contains(p.Key));
        var title = $"{grid.Parameter.Name} → {Path.GetFileName(outPath)}";
        return new SweepProgressView(output, error).Run(title, pending,
            progress => new SweepRunner(evaluator, jobs).Run(grid, shard, outPath, progress, cancellation));
    }

    private static void Report(SweepRunResult result, string outPath, string? plotPath, SweepParameter parameter, TextWriter writer)
    {
        writer.WriteLine($"{outPath}: {result.Rows.Count} rows ({result.Ran} run now, {result.Skipped} already there)");
        if (result.Cancelled)
        {
            writer.WriteLine("interrupted: every finished trial is in the CSV; rerun the same command to resume");
        }
        var summary = SweepSummary.Compute(result.Rows);
        writer.Write(SweepSummary.FormatTable(summary));
        foreach (var line in PulseCsv.Format(result.Pulses))
        {
            writer.WriteLine(line);
        }
        if (plotPath is not null && summary.Count > 0)
        {
            SweepPlot.Write(plotPath, parameter, summary);
            writer.WriteLine($"plot: {plotPath}");
        }
    }
}

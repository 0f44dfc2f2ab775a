using Bmcnn.Devices;
using Bmcnn.Mapping.Analog;
using Bmcnn.Study.Plots;
using Bmcnn.Study.Statistics;
using Bmcnn.Study.Sweeps;

namespace Bmcnn.Study.Reproduction;

/// <summary>
/// The energy stage of <c>reproduce</c>: energy per inference and accuracy in circuit mode (exact transfer matrices and
/// power forms) against wire resistance, device resistance scale, tile size and read voltage. The base design is the
/// spec with the plan's wire resistance; each sweep changes one quantity of it, and the base point is run once (in the
/// wire sweep) and shared by the other three. Each sweep writes <c>energy-PARAMETER.csv</c> (with <c>energy_j</c>);
/// the stage plots accuracy against energy with the Pareto front (<c>energy.png</c>).
/// </summary>
internal sealed class EnergyStage
{
    private readonly ReproductionInputs _inputs;
    private readonly ReproductionPlan _plan;
    private readonly string _folder;
    private readonly Func<SweepGrid, string, ITrialEvaluator, SweepRunResult> _runGrid;

    public EnergyStage(ReproductionInputs inputs, ReproductionPlan plan, string folder,
        Func<SweepGrid, string, ITrialEvaluator, SweepRunResult> runGrid)
    {
        _inputs = inputs;
        _plan = plan;
        _folder = folder;
        _runGrid = runGrid;
    }

    /// <summary>Where the stage keeps tiles' transfer matrices and power forms (the read-voltage sweep reuses the base design's).</summary>
    public TransferMatrixCache? TransferCache { get; init; }

    /// <summary>True when a sweep was interrupted.</summary>
    public bool Cancelled { get; private set; }

    /// <summary>The base design: the spec with the plan's wire resistance on rows and columns.</summary>
    public DeviceSpec BaseSpec => _inputs.Spec with { RWireRow = _plan.EnergyWire, RWireColumn = _plan.EnergyWire };

    /// <summary>Runs the four sweeps, writes the plot and returns the results.md section.</summary>
    public EnergySection Run()
    {
        var spec = BaseSpec;
        var trials = ReproductionRunner.IsExact(spec) ? 1 : Math.Max(1, _plan.EnergyTrials);
        var test = _inputs.Test.Take(_plan.EnergyImages);
        var sweeps = new (SweepParameter Parameter, IReadOnlyList<double> Values, double Base)[]
        {
            (SweepParameter.WireResistance, _plan.EnergyWireValues, _plan.EnergyWire),
            (SweepParameter.ResistanceScale, _plan.EnergyScaleValues, 1),
            (SweepParameter.Tile, _plan.EnergyTileValues, spec.TileRows == spec.TileColumns ? spec.TileRows : double.NaN),
            (SweepParameter.ReadVoltage, _plan.EnergyReadVoltages, spec.VRead),
        };
        var points = new List<EnergyPoint>();
        EnergyPoint? basePoint = null;
        foreach (var (parameter, values, baseValue) in sweeps)
        {
            if (Cancelled || values.Count == 0) continue;
            var isWire = parameter == SweepParameter.WireResistance;
            // The wire sweep always holds the base design; the others reuse its point instead of solving it again.
            var run = isWire ? values.Append(baseValue).Distinct().ToArray() : values.Where(v => v != baseValue).ToArray();
            var rows = new List<SweepRow>();
            if (run.Length > 0)
            {
                // A sweep of one cell runs alone: give its trial every thread instead of one.
                var threads = run.Length * trials == 1 ? _inputs.Threads : 1;
                var evaluator = new CrossbarTrialEvaluator(_inputs.Model, _inputs.VatModel, spec, InferenceMode.Circuit, test, _inputs.Train,
                    threads, energy: true)
                { TransferCache = TransferCache };
                var result = _runGrid(new SweepGrid(parameter, run, [Mitigation.None], trials, _inputs.Seed),
                    Path.Combine(_folder, $"energy-{parameter.Name}.csv"), evaluator);
                Cancelled |= result.Cancelled;
                rows.AddRange(result.Rows);
            }
            foreach (var cell in rows.Where(r => r.EnergyJ is not null).GroupBy(r => r.Value).OrderBy(g => g.Key))
            {
                var point = Point(parameter.Name, cell.Key, isWire && cell.Key == baseValue, cell.ToArray(), test.Count);
                basePoint = point.IsBase ? point : basePoint;
                points.Add(point);
            }
            if (!isWire && basePoint is not null && values.Contains(baseValue))
            {
                points.Add(basePoint with { Parameter = parameter.Name, Value = baseValue });
            }
        }
        if (points.Count > 0)
        {
            EnergyPlot.Write(Path.Combine(_folder, "energy.png"), points,
                $"MNIST accuracy vs energy per image (circuit mode, {test.Count} images, {trials} trial{(trials == 1 ? "" : "s")} per point, " +
                "95% CI)");
        }
        return new EnergySection(spec, test.Count, trials, points, points.Count > 0 ? "energy.png" : null);
    }

    private static EnergyPoint Point(string parameter, double value, bool isBase, IReadOnlyList<SweepRow> rows, int images)
    {
        var accuracies = rows.Select(r => r.Accuracy).ToArray();
        var summary = SweepSummary.Of(parameter, value, "none", accuracies);
        var (low, high) = rows.Count > 1
            ? (Math.Max(0, summary.Low), Math.Min(1, summary.High))
            : WilsonInterval.Of(Math.Round(summary.Mean * images), images);
        return new EnergyPoint(parameter, value, isBase, rows.Count, images, summary.Mean, low, high, rows.Average(r => r.EnergyJ!.Value));
    }
}

using Bmcnn.Circuit;
using Bmcnn.Network.Training;

namespace Bmcnn.Study.Sweeps;

/// <summary>
/// The full Monte-Carlo grid of a sweep: every value × mitigation × trial of one parameter, in canonical row order
/// (see <see cref="SweepKey"/>), each cell with its derived seed.
/// </summary>
public sealed class SweepGrid
{
    /// <summary>Builds the grid; values and mitigations may come in any order.</summary>
    /// <exception cref="BmcnnException">No values, no mitigations, or fewer than one trial.</exception>
    /// <param name="parameter">The swept parameter.</param>
    /// <param name="values">Its values.</param>
    /// <param name="mitigations">The mitigations compared.</param>
    /// <param name="trials">Trials per (value, mitigation).</param>
    /// <param name="baseSeed">Base seed (<c>--seed</c>).</param>
    /// <param name="firstTrial">Number of the first trial (<c>--first-trial</c>): rerun trial 7 alone with first 7, 1 trial.</param>
    public SweepGrid(SweepParameter parameter, IReadOnlyList<double> values, IReadOnlyList<Mitigation> mitigations, int trials, long baseSeed,
        int firstTrial = 0)
    {
        if (firstTrial < 0)
        {
            throw new BmcnnException($"--first-trial: {firstTrial} is negative");
        }
        if (trials < 1 || trials > 100_000)
        {
            throw new BmcnnException($"--trials: {trials} is not a trial count from 1 to 100000");
        }
        if (values.Count == 0 || mitigations.Count == 0)
        {
            throw new BmcnnException("a sweep needs at least one value and one mitigation");
        }
        Parameter = parameter;
        BaseSeed = baseSeed;
        Values = values.Distinct().Order().ToArray();
        Mitigations = mitigations.DistinctBy(m => m.Text).OrderBy(m => m.Text, StringComparer.Ordinal).ToArray();
        Trials = trials;
        var points = new List<SweepPoint>(Values.Count * Mitigations.Count * trials);
        foreach (var value in Values)
        {
            foreach (var mitigation in Mitigations)
            {
                for (int trial = firstTrial; trial < firstTrial + trials; trial++)
                {
                    var seed = TrialSeed.Derive(baseSeed, parameter.Name, value, trial);
                    points.Add(new SweepPoint(points.Count, parameter, value, mitigation, trial, seed));
                }
            }
        }
        Points = points;
    }

    /// <summary>The swept parameter.</summary>
    public SweepParameter Parameter { get; }

    /// <summary>The base seed (<c>--seed</c>).</summary>
    public long BaseSeed { get; }

    /// <summary>Values, ascending.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>Mitigations, ordered by text.</summary>
    public IReadOnlyList<Mitigation> Mitigations { get; }

    /// <summary>Trials per (value, mitigation).</summary>
    public int Trials { get; }

    /// <summary>Every cell in canonical row order.</summary>
    public IReadOnlyList<SweepPoint> Points { get; }

    /// <summary>The cells of one shard, in canonical row order.</summary>
    public IReadOnlyList<SweepPoint> Shard(ShardSpec shard) => Points.Where(p => shard.Contains(p.Index)).ToArray();
}

namespace Bmcnn.Study.Sweeps;

/// <summary>A progress report after each finished trial.</summary>
/// <param name="Done">Trials finished in this run.</param>
/// <param name="Total">Trials this run has to do (its shard minus rows already in the CSV).</param>
/// <param name="Point">The trial that just finished.</param>
/// <param name="Row">Its CSV row.</param>
public sealed record SweepProgress(int Done, int Total, SweepPoint Point, SweepRow Row);

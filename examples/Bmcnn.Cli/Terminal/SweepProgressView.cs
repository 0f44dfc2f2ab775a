using System.Diagnostics;
using System.Globalization;
using Bmcnn.Study.Sweeps;
using Spectre.Console;

namespace Bmcnn.Cli.Terminal;

/// <summary>
/// Shows a sweep's progress: a live Spectre.Console bar with ETA when standard output is an interactive terminal,
/// otherwise (files, pipes, CI, tests) one plain line per finished trial on the error writer, with its own ETA.
/// </summary>
public sealed class SweepProgressView
{
    private readonly TextWriter _plain;
    private readonly bool _live;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Chooses the live bar only when <paramref name="output"/> is the real, non-redirected console.</summary>
    public SweepProgressView(TextWriter output, TextWriter error)
    {
        _plain = error;
        _live = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
    }

    /// <summary>Runs <paramref name="run"/>, feeding it a progress callback, with the bar on screen when live.</summary>
    public T Run<T>(string title, int total, Func<Action<SweepProgress>, T> run)
    {
        if (!_live || total == 0)
        {
            return run(Plain);
        }
        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title), true, total);
                return run(p =>
                {
                    task.Description = Markup.Escape($"{title} · last {Describe(p)}");
                    task.Increment(1);
                });
            });
    }

    private void Plain(SweepProgress p)
    {
        var elapsed = _clock.Elapsed.TotalSeconds;
        var eta = p.Done == 0 ? 0 : elapsed / p.Done * (p.Total - p.Done);
        _plain.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{p.Done}/{p.Total}] {Describe(p)} ({p.Row.Seconds:F1} s; elapsed {Clock(elapsed)}, ETA {Clock(eta)})"));
    }

    private static string Describe(SweepProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"{p.Row.Parameter}={p.Row.Value:G6} {p.Row.Mitigation} trial {p.Row.Trial}: {100 * p.Row.Accuracy:F2}%");

    private static string Clock(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Round(seconds));
        return t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
    }
}

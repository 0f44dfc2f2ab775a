using System.Globalization;
using System.Text;
using Bmcnn.Study.Statistics;

namespace Bmcnn.Study.Reproduction;

/// <summary>
/// One extra results.md section: a title, what was run, and a table of summary rows (one line per value and curve:
/// mean ± std, the 95% interval clipped to [0, 100], the trial count), with its plot.
/// </summary>
/// <param name="Title">Section heading.</param>
/// <param name="Note">What was run and how to read it.</param>
/// <param name="ValueLabel">Column heading of the swept value.</param>
/// <param name="Rows">The summary rows; <see cref="SummaryRow.Mitigation"/> names the curve.</param>
/// <param name="Plot">The plot file beside results.md, or null.</param>
public record ReportSection(string Title, string Note, string ValueLabel, IReadOnlyList<SummaryRow> Rows, string? Plot)
{
    /// <summary>Appends the section to <paramref name="md"/>.</summary>
    public virtual void Write(StringBuilder md)
    {
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine().AppendLine($"## {Title}").AppendLine().AppendLine(Note).AppendLine();
        md.AppendLine($"| {ValueLabel} | curve | accuracy (mean ± std) | 95% CI | n |").AppendLine("|---:|---|---:|---:|---:|");
        foreach (var s in Rows.OrderBy(r => r.Mitigation, StringComparer.Ordinal).ThenBy(r => r.Value))
        {
            var std = double.IsNaN(s.StandardDeviation) ? "" : string.Create(inv, $" ± {100 * s.StandardDeviation:F2}");
            md.AppendLine(string.Create(inv,
                $"| {s.Value:G4} | {s.Mitigation} | {100 * s.Mean:F2}%{std} | {SweepSummary.Interval(s)} | {s.Trials} |"));
        }
        if (Plot is not null) md.AppendLine().AppendLine($"![{Title}]({Plot})");
    }
}

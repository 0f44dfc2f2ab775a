using System.Globalization;
using System.Text;
using Bmcnn.Devices;

namespace Bmcnn.Study.Reproduction;

/// <summary>
/// The results.md section of the energy stage: one line per design point (the varied quantity, accuracy with its 95%
/// interval and counts, mean energy per image, whether it is on the Pareto front), the base design, and the plot.
/// </summary>
/// <param name="BaseSpec">The base design every sweep varies.</param>
/// <param name="Images">Test images per trial.</param>
/// <param name="TrialsPerPoint">Programmed chips per point.</param>
/// <param name="Points">Every design point, base included once per sweep that lists its value.</param>
/// <param name="PlotFile">The plot beside results.md, or null.</param>
public sealed record EnergySection(DeviceSpec BaseSpec, int Images, int TrialsPerPoint, IReadOnlyList<EnergyPoint> Points, string? PlotFile)
    : ReportSection("G. Energy per inference against wire resistance, device resistance, tile size and read voltage (circuit mode)", "", "value",
        [], PlotFile)
{
    /// <inheritdoc />
    public override void Write(StringBuilder md)
    {
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine().AppendLine($"## {Title}").AppendLine();
        md.AppendLine(string.Create(inv,
            $"Energy per image is the array's exact power (devices, wires, driver and sense resistances, from each tile's factorization) " +
            $"times the read pulse, plus the periphery model of the device spec (drivers, sense amplifiers, ADC, digital; docs/energy.md). " +
            $"Base design: the device spec with {BaseSpec.RWireRow:G4} Ω per wire segment ({BaseSpec.TileRows}×{BaseSpec.TileColumns} tiles, " +
            $"V_read {BaseSpec.VRead:G4} V, R_ON {BaseSpec.ROn:G4} Ω); each sweep changes one quantity of it, and the base point is solved " +
            $"once and shared. {Images} test images, {TrialsPerPoint} programmed chip{(TrialsPerPoint == 1 ? "" : "s")} per point; the 95% " +
            $"interval is {(TrialsPerPoint == 1 ? "over the images (Wilson score; one chip)" : "over the chips (t)")}. CSVs " +
            $"`energy-r-wire.csv`, `energy-r-scale.csv`, `energy-tile.csv`, `energy-v-read.csv` (column `energy_j`, joules per image)."));
        md.AppendLine().AppendLine("With ohmic devices every current scales with V_read, so the array energy goes as V_read² and the sense " +
            "decisions do not change: accuracy moves with the read voltage only through absolute offsets, read noise or a nonlinear law.");
        md.AppendLine().AppendLine("| varied | value | accuracy | 95% CI | chips × images | energy per image (nJ) | Pareto front |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---|");
        var front = EnergyPoint.ParetoFront(Points);
        foreach (var p in Points)
        {
            // The base point appears once per sweep: every copy is on the front when one is.
            var marks = (front.Any(f => f.EnergyJ == p.EnergyJ && f.Accuracy == p.Accuracy) ? "**yes**" : "") + (p.IsBase ? " (base)" : "");
            md.AppendLine(string.Create(inv,
                $"| {p.Parameter} | {Format(p.Parameter, p.Value)} | {100 * p.Accuracy:F2}% | [{100 * p.Low:F2}, {100 * p.High:F2}] | " +
                $"{p.Trials} × {p.Images} | {p.EnergyJ * 1e9:F3} | {marks.Trim()} |"));
        }
        if (front.Count > 0)
        {
            md.AppendLine().AppendLine("Pareto front (lowest energy first): " + string.Join("; ", front.Select(p => string.Create(inv,
                $"{p.Parameter} {Format(p.Parameter, p.Value)}: {p.EnergyJ * 1e9:F3} nJ at {100 * p.Accuracy:F2}%"))) + ".");
        }
        if (Plot is not null) md.AppendLine().AppendLine($"![accuracy against energy per image]({Plot})");
    }

    private static string Format(string parameter, double value) => parameter switch
    {
        "r-wire" => value.ToString("G4", CultureInfo.InvariantCulture) + " Ω",
        "r-scale" => "×" + value.ToString("G4", CultureInfo.InvariantCulture),
        "tile" => $"{value:G6}×{value:G6}",
        "v-read" => value.ToString("G4", CultureInfo.InvariantCulture) + " V",
        _ => value.ToString("G6", CultureInfo.InvariantCulture),
    };
}

using System.Globalization;
using System.Text.Json;
using Bmcnn.Mapping.Analog;

namespace Bmcnn.Cli.Commands;

/// <summary>The energy report of <c>bmcnn eval --energy</c> as table lines and as JSON fields.</summary>
public static class EnergyOutput
{
    /// <summary>Writes the per-image energy table: one line per layer, the totals, latency and throughput.</summary>
    public static void WriteTable(TextWriter output, EnergyReport report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        output.WriteLine("energy per image (J)  layer  total      devices    wires      drv/sense-R  periphery  cycles");
        foreach (var l in report.Layers)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"                      {l.Layer,-6} {l.Total,-10:E3} {l.Devices,-10:E3} {l.Wires,-10:E3} "
                + $"{l.Resistors,-12:E3} {l.Periphery,-10:E3} {l.Cycles}"));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"energy per image: total {report.Total:E4} J = devices {report.Devices:E4} + wires {report.Wires:E4} + driver/sense resistors "
            + $"{report.Resistors:E4} + periphery {report.Periphery:E4} J"));
        var p = report.Layers;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"periphery per image: drivers {p.Sum(l => l.Drivers):E4} J, sense amplifiers {p.Sum(l => l.Sense):E4} J, ADC {p.Sum(l => l.Adc):E4} J, "
            + $"digital {p.Sum(l => l.Digital):E4} J"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency per image {report.LatencySeconds * 1e6:F3} µs ({report.Cycles} read cycles × {report.PulseSeconds * 1e9:G4} ns); "
            + $"{report.ImagesPerSecond:F0} images/s per chip"));
    }

    /// <summary>Writes the <c>energy</c> object (joules per image, seconds, images per second).</summary>
    public static void WriteJson(Utf8JsonWriter writer, EnergyReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        writer.WriteStartObject("energy");
        writer.WriteNumber("totalJ", report.Total);
        writer.WriteNumber("devicesJ", report.Devices);
        writer.WriteNumber("wiresJ", report.Wires);
        writer.WriteNumber("resistorsJ", report.Resistors);
        writer.WriteNumber("peripheryJ", report.Periphery);
        writer.WriteNumber("latencySeconds", report.LatencySeconds);
        writer.WriteNumber("imagesPerSecond", report.ImagesPerSecond);
        writer.WriteNumber("readCycles", report.Cycles);
        writer.WriteStartArray("layers");
        foreach (var l in report.Layers)
        {
            writer.WriteStartObject();
            writer.WriteString("layer", l.Layer);
            writer.WriteNumber("totalJ", l.Total);
            writer.WriteNumber("devicesJ", l.Devices);
            writer.WriteNumber("wiresJ", l.Wires);
            writer.WriteNumber("resistorsJ", l.Resistors);
            writer.WriteNumber("driversJ", l.Drivers);
            writer.WriteNumber("senseJ", l.Sense);
            writer.WriteNumber("adcJ", l.Adc);
            writer.WriteNumber("digitalJ", l.Digital);
            writer.WriteNumber("readCycles", l.Cycles);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Bmcnn.Devices.Programming;

namespace Bmcnn.Cli.Commands;

/// <summary>The report of <c>bmcnn program</c>: a table for the terminal, or one JSON object.</summary>
internal static class ProgramOutput
{
    public static void WriteTable(TextWriter output, string label, ProgrammingRun run, ProgrammingSummary s, double seconds)
    {
        var setup = run.Setup;
        void Line(FormattableString text, FormattableString? more = null) =>
            output.WriteLine(text.ToString(CultureInfo.InvariantCulture) + more?.ToString(CultureInfo.InvariantCulture));
        Line($"program {label}: {run.Rows}x{run.Columns} VTEAM crossbar, scheme {setup.Scheme}, wires {setup.RowWireOhms} Ω/segment");
        Line($"  set {setup.Set.Amplitude} V × {setup.Set.Width:G3} s, reset {setup.Reset.Amplitude} V × {setup.Reset.Width:G3} s, ",
            $"read {setup.ReadVolts} V, tolerance ±{setup.Tolerance:P0}, budget {setup.MaxPulses} pulses, speed σ {setup.SpeedSigma}");
        Line($"  quasi-static: {run.Solves} crossbar solves, {run.Sweeps} line sweeps, {seconds:F2} s");
        Line($"pulses: {s.Pulses} applied ({run.Reads} row reads); per device mean {s.MeanPulsesPerDevice:F2}, max {s.MaxPulsesPerDevice}; ",
            $"out of tolerance at budget {s.Unconverged}");
        var histogram = new StringBuilder("  histogram (pulses: devices)");
        for (var p = 0; p < s.Histogram.Length; p++)
        {
            if (s.Histogram[p] > 0) histogram.Append(CultureInfo.InvariantCulture, $" {p}: {s.Histogram[p]}");
        }
        output.WriteLine(histogram.ToString());
        Line($"{"state",-6} {"devices",8} {"target Ω",10} {"mean Ω",10} {"CV",8} {"min Ω",10} {"max Ω",10} {"in tol",7}");
        foreach (var (name, st) in new[] { ("ON", s.On), ("OFF", s.Off) })
        {
            Line($"{name,-6} {st.Devices,8} {st.Target,10:G4} {st.Mean,10:G5} {st.Cv,8:G3} {st.Min,10:G5} {st.Max,10:G5} {st.WithinTolerance,7}");
        }
        Line($"disturbance: state drift of cells not selected mean {s.MeanDrift:G3}, max {s.MaxDrift:G3}; {s.Disturbed} cells > 1e-6; ",
            $"read change after verify max {s.MaxReadChange:P3}; {s.DisturbedOut} cells disturbed out of tolerance");
        Line($"energy: write {s.WriteEnergy:G4} J ({s.WriteEnergyPerDevice:G4} J per device), verify reads {s.ReadEnergy:G4} J; ",
            $"pulse time {run.PulseTime:G4} s");
    }

    // Written field by field (no reflection, so the NativeAOT build works).
    public static string Json(string label, ProgrammingRun run, ProgrammingSummary s, double seconds)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            var setup = run.Setup;
            w.WriteStartObject();
            w.WriteString("pattern", label);
            w.WriteNumber("rows", run.Rows);
            w.WriteNumber("columns", run.Columns);
            w.WriteString("scheme", setup.Scheme.ToString().ToLowerInvariant());
            w.WriteNumber("wireOhms", setup.RowWireOhms);
            w.WriteNumber("setAmplitude", setup.Set.Amplitude);
            w.WriteNumber("setWidth", setup.Set.Width);
            w.WriteNumber("resetAmplitude", setup.Reset.Amplitude);
            w.WriteNumber("resetWidth", setup.Reset.Width);
            w.WriteNumber("readVoltage", setup.ReadVolts);
            w.WriteNumber("tolerance", setup.Tolerance);
            w.WriteNumber("maxPulses", setup.MaxPulses);
            w.WriteNumber("speedSigma", setup.SpeedSigma);
            w.WriteNumber("seconds", Math.Round(seconds, 3));
            w.WriteNumber("solves", run.Solves);
            w.WriteNumber("sweeps", run.Sweeps);
            w.WriteNumber("pulses", s.Pulses);
            w.WriteNumber("reads", run.Reads);
            w.WriteNumber("meanPulsesPerDevice", s.MeanPulsesPerDevice);
            w.WriteNumber("maxPulsesPerDevice", s.MaxPulsesPerDevice);
            w.WriteStartArray("pulseHistogram");
            foreach (var h in s.Histogram) w.WriteNumberValue(h);
            w.WriteEndArray();
            w.WriteNumber("unconverged", s.Unconverged);
            State(w, "on", s.On);
            State(w, "off", s.Off);
            w.WriteStartObject("disturbance");
            w.WriteNumber("meanDrift", s.MeanDrift);
            w.WriteNumber("maxDrift", s.MaxDrift);
            w.WriteNumber("disturbedCells", s.Disturbed);
            w.WriteNumber("maxReadChange", s.MaxReadChange);
            w.WriteNumber("disturbedOutOfTolerance", s.DisturbedOut);
            w.WriteEndObject();
            w.WriteNumber("writeEnergy", s.WriteEnergy);
            w.WriteNumber("writeEnergyPerDevice", s.WriteEnergyPerDevice);
            w.WriteNumber("readEnergy", s.ReadEnergy);
            w.WriteNumber("pulseTime", run.PulseTime);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void State(Utf8JsonWriter w, string name, StateStatistics st)
    {
        w.WriteStartObject(name);
        w.WriteNumber("devices", st.Devices);
        w.WriteNumber("target", st.Target);
        if (st.Devices > 0)
        {
            w.WriteNumber("mean", st.Mean);
            w.WriteNumber("cv", st.Cv);
            w.WriteNumber("min", st.Min);
            w.WriteNumber("max", st.Max);
        }
        w.WriteNumber("withinTolerance", st.WithinTolerance);
        w.WriteEndObject();
    }
}

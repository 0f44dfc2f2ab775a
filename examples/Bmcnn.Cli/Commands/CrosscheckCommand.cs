using System.CommandLine;
using System.Globalization;
using Bmcnn.Circuit.Analysis;
using Bmcnn.Netlists;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// <c>bmcnn crosscheck netlist FILE.cir</c>: solves the netlist with our engine and with ngspice and prints the largest
/// relative difference over all node voltages and source currents; exit code 1 when it exceeds 1e-6. A deck's
/// <c>.dc</c> and <c>.tran</c> analyses are compared too, at ngspice's points: 1e-6 relative for a sweep, 1e-3 of each
/// signal's range for a transient.
/// </summary>
public static class CrosscheckCommand
{
    /// <summary>The largest relative difference that still passes.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>The largest transient difference, as a fraction of each signal's range, that still passes.</summary>
    public const double TransientTolerance = 1e-3;

    /// <summary>Creates the <c>crosscheck</c> command with its <c>netlist</c> subcommand.</summary>
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "SPICE netlist (.cir)" };
        var netlist = new Command("netlist", "Solve a netlist with bmcnn and with ngspice and compare every node voltage and source current")
        {
            file,
        };
        netlist.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(file)!.ToString();
            var output = parseResult.InvocationConfiguration.Output;
            var read = NetlistInput.Read(path, parseResult.InvocationConfiguration.Error);
            var ours = new DcOperatingPoint(read.Netlist, read.Options.Dc).Solve();
            var reference = NgspiceRunner.RunFile(path);
            var comparison = NgspiceComparison.Compare(ours, reference);
            output.WriteLine(comparison.ToString());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  node voltages:   {comparison.LargestVoltageDifference:E3} at {comparison.VoltageQuantity}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  source currents: {comparison.LargestCurrentDifference:E3} at {comparison.CurrentQuantity}"));
            foreach (var missing in comparison.Missing.Take(10))
            {
                output.WriteLine($"  {missing}");
            }
            var pass = comparison.LargestRelativeDifference <= Tolerance;
            var timeDomain = read.Analyses.Where(a => a is DcSweepRequest or TransientRequest).ToList();
            if (timeDomain.Count > 0)
            {
                var references = NgspiceRunner.RunFileAnalyses(path, timeDomain);
                for (var k = 0; k < timeDomain.Count; k++)
                {
                    var sweep = WaveformComparison.Compare(Simulation.Run(read.Netlist, timeDomain[k], read.Options), references[k]);
                    var limit = timeDomain[k] is TransientRequest ? TransientTolerance : Tolerance;
                    output.WriteLine($"{sweep} {(sweep.LargestDifference <= limit ? "PASS" : "FAIL")} (tolerance {limit:0.#e0})");
                    foreach (var missing in sweep.Missing.Take(10))
                    {
                        output.WriteLine($"  {missing}");
                    }
                    pass &= sweep.LargestDifference <= limit;
                }
            }
            output.WriteLine(pass
                ? $"PASS (tolerance {Tolerance:0.#e0}; floors {NgspiceComparison.VoltageFloor:0e0} V, {NgspiceComparison.CurrentFloor:0e0} A)"
                : $"FAIL (tolerance {Tolerance:0.#e0}; floors {NgspiceComparison.VoltageFloor:0e0} V, {NgspiceComparison.CurrentFloor:0e0} A)");
            return pass ? 0 : 1;
        });
        return new Command("crosscheck", "Compare bmcnn against an outside reference") { netlist, CrosscheckTilesCommand.Create() };
    }
}

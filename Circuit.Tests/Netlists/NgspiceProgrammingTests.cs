using Bmcnn.Circuit.Analysis;
using Bmcnn.Devices.Programming;
using Bmcnn.Netlists;
using Bmcnn.Tests.Devices.Programming;
using Xunit.Abstractions;

namespace Bmcnn.Tests.Netlists;

/// <summary>
/// A programming run exported with PWL sources (<c>bmcnn program --netlist</c>) and simulated by ngspice ends in the
/// device states our quasi-static simulation reached: within 2e-3 of the state range [0, 1] per device.
/// </summary>
public class NgspiceProgrammingTests
{
    private const string Missing = "ngspice is not installed (apt-get install -y ngspice); this test compares our programming run against it";
    private readonly ITestOutputHelper _log;

    public NgspiceProgrammingTests(ITestOutputHelper log) => _log = log;

    [SkippableTheory]
    [InlineData(WriteScheme.V2)]
    [InlineData(WriteScheme.V3)]
    public void When_a_4x4_programming_run_is_replayed_in_ngspice_Expect_the_same_final_states(WriteScheme scheme)
    {
        Skip.IfNot(NgspiceRunner.IsAvailable, Missing);
        var setup = new ProgrammingSetup { Scheme = scheme, MaxPulses = 3, RowWireOhms = 2, ColumnWireOhms = 2 };
        var run = CrossbarProgrammer.Program(CrossbarProgrammerTests.Checkerboard(4, 4), 4, 4, setup);
        var folder = Directory.CreateTempSubdirectory("bmcnn-program-").FullName;
        try
        {
            var path = Path.Combine(folder, "program-4x4.cir");
            File.WriteAllText(path, ProgrammingNetlist.Write(run));
            var request = SpiceReader.ReadFile(path).Analyses.OfType<TransientRequest>().Single();
            var table = NgspiceRunner.RunFileAnalyses(path, [request])[0];
            var worst = 0.0;
            for (var k = 0; k < 16; k++)
            {
                var s = table.Signal($"v(x{k / 4}_{k % 4}.state)")[^1];
                worst = Math.Max(worst, Math.Abs(s - run.States[k]));
            }
            _log.WriteLine($"{scheme}: {run.Log.Count} pulses, {table.Axis.Count} ngspice points; largest final state difference {worst:E3}");
            Assert.InRange(worst, 0, 2e-3);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

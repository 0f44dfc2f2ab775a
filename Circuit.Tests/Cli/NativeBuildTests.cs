using System.Text.RegularExpressions;
using Bmcnn.Bench;
using Bmcnn.Tests.Network.Data;

namespace Bmcnn.Tests.Cli;

/// <summary>
/// The NativeAOT <c>bmcnn</c> binary (README, "Native build") against this in-process JIT build: same bytes on
/// standard output, same one-line errors, same exit codes. <c>.ci/run</c> publishes the binary and names it in
/// <c>BMCNN_AOT_EXE</c>; without it these tests skip.
/// </summary>
public partial class NativeBuildTests : IDisposable
{
    private const string Variable = "BMCNN_AOT_EXE";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("bmcnn-native-");

    public void Dispose()
    {
        _dir.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }

    private static string Native()
    {
        var exe = Environment.GetEnvironmentVariable(Variable);
        Skip.If(string.IsNullOrEmpty(exe),
            $"{Variable} is not set: publish the NativeAOT binary (dotnet publish examples/Bmcnn.Cli -c Release -r linux-x64 "
            + $"-p:PublishAot=true -o DIR; .ci/run does) and set {Variable}=DIR/bmcnn");
        Assert.True(File.Exists(exe), $"{Variable}={exe} does not exist");
        return exe!;
    }

    private static ChildProcess.Run RunNative(params string[] args) => ChildProcess.Bmcnn(args, keepOutput: true, program: Native());

    private string PathOf(string name) => Path.Combine(_dir.FullName, name);

    [SkippableFact]
    public void When_native_binary_solves_a_crossbar_Expect_the_jit_output_byte_for_byte()
    {
        Native();
        var netlist = PathOf("xb24.cir");
        var written = SolveCommandTests.Run("netlist", "crossbar", "--rows", "24", "--cols", "20", "--r-wire", "2.5", "--r-on", "10k",
            "--r-off", "100k", "--v-read", "0.2", "--seed", "7", "--out", netlist);
        Assert.True(written.Code == 0, written.Error);
        string[][] runs = [["solve", netlist, "--json"], ["solve", netlist]];
        foreach (var args in runs)
        {
            var jit = SolveCommandTests.Run(args);
            var native = RunNative(args);
            Assert.True(native.ExitCode == 0, native.Error);
            Assert.Equal(0, jit.Code);
            Assert.Equal(jit.Output, native.Output);
        }
    }

    [SkippableFact]
    public void When_native_binary_reads_broken_netlists_Expect_the_jit_one_line_errors_and_exit_code_2()
    {
        Native();
        var corpus = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Netlists", "Corpus"), "*.cir").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(corpus);
        foreach (var file in corpus)
        {
            var jit = SolveCommandTests.Run("solve", file, "--json");
            var native = RunNative("solve", file, "--json");
            Assert.Equal(2, jit.Code);
            Assert.True(native.ExitCode == 2, $"{Path.GetFileName(file)}: exit {native.ExitCode}, {native.Error}");
            Assert.Equal(jit.Error, native.Error);
            Assert.Single(native.Error.TrimEnd('\n').Split('\n'));
            Assert.StartsWith("error: ", native.Error, StringComparison.Ordinal);
            Assert.Equal("", native.Output);
        }
    }

    [SkippableFact]
    public void When_native_binary_evaluates_in_software_and_behavioral_mode_Expect_the_jit_json_but_for_seconds()
    {
        Native();
        var data = MnistAvailability.Folder();
        Skip.If(data is null, "MNIST not found");
        // A spec file exercises the source-generated device-spec JSON: a preset, overrides, kebab-case enums.
        File.WriteAllText(PathOf("spec.json"), """
            { "preset": "rram-wires", "sigmaOn": 0.1, "distribution": "lognormal", "termination": "sense-resistor", "rSense": 20, } // comment
            """);
        string[][] runs =
        [
            ["eval", "--mode", "software", "--json", "--limit", "300", "--data", data!],
            ["eval", "--mode", "behavioral", "--device", PathOf("spec.json"), "--seed", "5", "--json", "--limit", "40", "--data", data!],
        ];
        foreach (var args in runs)
        {
            var jit = SolveCommandTests.Run(args);
            var native = RunNative(args);
            Assert.True(jit.Code == 0, jit.Error);
            Assert.True(native.ExitCode == 0, native.Error);
            Assert.Matches(Seconds(), native.Output);
            Assert.Equal(Seconds().Replace(jit.Output, "S"), Seconds().Replace(native.Output, "S"));
        }
    }

    [SkippableFact]
    public void When_native_binary_reads_a_bad_device_spec_Expect_the_jit_one_line_error()
    {
        Native();
        string[] specs =
        [
            """{ "rOnn": 5 }""", """{ "scheme": "quadruple" }""", """{ "tileRows": 1.5 }""", """{ "rOn": "big" }""",
            """{ "rOn": -5 }""", """{ "preset": 3 }""", """{ "rOn": }""", "[1]",
        ];
        for (var i = 0; i < specs.Length; i++)
        {
            var spec = PathOf($"bad{i}.json");
            File.WriteAllText(spec, specs[i]);
            // The device spec is checked before any model or data is read.
            string[] args = ["eval", "--mode", "behavioral", "--device", spec, "--limit", "1"];
            var jit = SolveCommandTests.Run(args);
            var native = RunNative(args);
            Assert.Equal(2, jit.Code);
            Assert.Equal(2, native.ExitCode);
            Assert.Equal(jit.Error, native.Error);
            Assert.Contains(spec, native.Error);
            Assert.Single(native.Error.TrimEnd('\n').Split('\n'));
        }
    }

    [SkippableFact]
    public void When_benching_the_native_binary_Expect_a_named_row_from_here_and_a_self_timing_run_from_itself()
    {
        var exe = Native();
        var fromHere = SolveCommandTests.Run("bench", "solve", "--sizes", "16", "--repeat", "1", "--bmcnn", exe);
        Assert.True(fromHere.Code == 0, fromHere.Error);
        Assert.Contains("| bmcnn |    N |", fromHere.Output);
        Assert.Matches($@"\| {Regex.Escape(Path.GetFullPath(exe))} \|   16 \|", fromHere.Output);

        // The native binary times itself (Environment.ProcessPath: no assembly file, no dotnet host).
        var self = RunNative("bench", "solve", "--sizes", "16", "--repeat", "1");
        Assert.True(self.ExitCode == 0, self.Error);
        Assert.Contains("|    N | unknowns |", self.Output);
        Assert.Matches(@"\|   16 \|      544 \| .* s \|", self.Output);
    }

    [SkippableFact]
    public void When_benching_eval_of_both_builds_Expect_one_interleaved_row_each_with_the_same_accuracy()
    {
        var exe = Native();
        var data = MnistAvailability.Folder();
        Skip.If(data is null, "MNIST not found");
        var jitDll = Path.Combine(AppContext.BaseDirectory, "bmcnn.dll");
        var run = SolveCommandTests.Run("bench", "eval", "--modes", "software", "--repeat", "1", "--limit", "100", "--data", data!,
            "--bmcnn", exe, "--bmcnn", jitDll);
        Assert.True(run.Code == 0, run.Error);
        Assert.Contains("per mode and program, interleaved", run.Output);
        var rows = run.Output.Split('\n').Where(l => l.StartsWith("| software", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains($"`{Path.GetFullPath(exe)} eval --mode software", rows[0]);
        Assert.Contains($"`{jitDll} eval --mode software", rows[1]);
        // Same images, same accuracy column from both builds.
        Assert.Equal(rows[0].Split('|')[3..5], rows[1].Split('|')[3..5]);
    }

    [GeneratedRegex(@"""seconds"":[0-9.E+-]+(,""compileSeconds"":[0-9.E+-]+)?")]
    private static partial Regex Seconds();
}

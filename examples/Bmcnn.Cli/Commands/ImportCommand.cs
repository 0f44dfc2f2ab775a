using System.CommandLine;
using System.Globalization;
using Bmcnn.Circuit;
using Bmcnn.Network.Exchange;
using Bmcnn.Network.Model;

namespace Bmcnn.Cli.Commands;

/// <summary><c>bmcnn import onnx MODEL.onnx --out MODEL.bmcnn</c>: reads a binarized network from ONNX (docs/onnx.md).</summary>
public static class ImportCommand
{
    /// <summary>Builds the command with its <c>onnx</c> subcommand.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("MODEL.onnx") { Description = "ONNX file of a sequential binarized network" };
        var outPath = new Option<string>("--out") { Description = "model file to write (.bmcnn)", Required = true };
        var dataset = new Option<string?>("--dataset") { Description = "dataset the network was trained on, recorded in the model" };
        var normalize = new Option<string?>("--normalize")
        {
            Description = "MEAN,STD: the network was trained on (pixel/255 − MEAN)/STD; folded into the first layer",
        };
        var digital = new Option<string?>("--digital")
        {
            Description = "NAME[,NAME]: layers (conv1, fc3, ... or ONNX node names) to compute digitally on the host with float weights; " +
                "a first or last layer with non-binary weights is digital without it",
        };
        var onnx = new Command("onnx", "import a binarized network from an ONNX file") { file, outPath, dataset, normalize, digital };
        onnx.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            string target = OptionValues.Path(parse, outPath);
            var (mean, std) = Normalization(parse.GetValue(normalize));
            string source = parse.GetValue(file)!;
            var marks = parse.GetValue(digital)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
            var model = OnnxImport.Import(source, new OnnxImportOptions(mean, std, parse.GetValue(dataset), marks));
            ModelFile.Save(model, target);
            output.WriteLine($"wrote {target}: model format version {ModelFile.VersionFor(model)}, input {model.Input}, {model.Classes} classes");
            foreach (var block in model.Blocks)
            {
                var w = block.Weighted;
                string where = w.Digital ? "digital (host, float32 weights)" : "binary (crossbars)";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {w.Name,-6} {w.Type,-7} {block.Input} -> {block.Output}: {w.Rows}×{w.Columns} weights, {where}"));
            }
            return 0;
        });
        return new Command("import", "import a network from another format") { onnx };
    }

    private static (double Mean, double Std) Normalization(string? text)
    {
        if (text is null)
        {
            return (0, 1);
        }
        var parts = text.Split(',');
        if (parts.Length == 2 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double mean)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double std) && std > 0 && double.IsFinite(mean))
        {
            return (mean, std);
        }
        throw new BmcnnException($"--normalize: expected MEAN,STD with STD > 0 (e.g. 0.1307,0.3081), got '{text}'");
    }
}

using System.CommandLine;
using Bmcnn.Network.Exchange;
using Bmcnn.Network.Model;

namespace Bmcnn.Cli.Commands;

/// <summary><c>bmcnn export onnx MODEL.bmcnn --out MODEL.onnx</c>: writes a model as a standard ONNX graph (docs/onnx.md).</summary>
public static class ExportCommand
{
    /// <summary>Builds the command with its <c>onnx</c> subcommand.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("MODEL.bmcnn") { Description = "model file, or 'default' for the shipped lenet" };
        var outPath = new Option<string>("--out") { Description = "ONNX file to write", Required = true };
        var onnx = new Command("onnx", $"export a model as an ONNX graph (opset {OnnxExport.Opset})") { file, outPath };
        onnx.SetAction(parse =>
        {
            string target = OptionValues.Path(parse, outPath);
            string source = parse.GetValue(file)!;
            var model = source == "default" ? DefaultModel.Load() : ModelFile.Load(source);
            OnnxExport.Save(model, target);
            parse.InvocationConfiguration.Output.WriteLine(
                $"wrote {target}: ONNX opset {OnnxExport.Opset}, input [N, {model.Input.Channels}, {model.Input.Height}, {model.Input.Width}] " +
                $"(pixel/255), output logits [N, {model.Classes}], {model.Blocks.Count} weighted layers");
            return 0;
        });
        return new Command("export", "export a model to another format") { onnx };
    }
}

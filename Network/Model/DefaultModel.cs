using Bmcnn.Circuit;
using Bmcnn.Network.Data;

namespace Bmcnn.Network.Model;

/// <summary>
/// The shipped pretrained models (models/*.bmcnn in the repository), embedded in this assembly at build time so
/// that every command has a default without knowing where the repository is.
/// </summary>
public static class DefaultModel
{
    /// <summary>The default model's name.</summary>
    public const string Lenet = "lenet";

    /// <summary>The variation-aware model's name.</summary>
    public const string LenetVariationAware = "lenet-vat";

    /// <summary>The model trained with multiplicative Gaussian weight noise (the <c>vat-noise</c> mitigation's).</summary>
    public const string LenetNoiseAware = "lenet-vat-noise";

    /// <summary>
    /// Loads a shipped model by name ("lenet", "lenet-vat"): the embedded copy, else models/NAME.bmcnn under a
    /// repository root found above the current folder or the executable.
    /// </summary>
    /// <exception cref="BmcnnException">When the model is neither embedded nor found.</exception>
    public static BnnModel Load(string name = Lenet)
    {
        string resource = $"models/{name}.bmcnn";
        using (var stream = typeof(DefaultModel).Assembly.GetManifestResourceStream(resource))
        {
            if (stream is not null)
            {
                return ModelFile.Read(stream, $"embedded {resource}");
            }
        }
        foreach (var root in MnistFolder.RepositoryRoots())
        {
            string path = Path.Combine(root, "models", name + ".bmcnn");
            if (File.Exists(path))
            {
                return ModelFile.Load(path);
            }
        }
        throw new BmcnnException($"no shipped model '{name}' (not embedded, no models/{name}.bmcnn found); pass --model FILE");
    }

    /// <summary>Loads <paramref name="path"/> when given, else the shipped default.</summary>
    public static BnnModel LoadOrDefault(string? path) => string.IsNullOrWhiteSpace(path) ? Load() : ModelFile.Load(path);
}

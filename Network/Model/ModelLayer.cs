namespace Bmcnn.Network.Model;

/// <summary>One layer of a binarized network description (see docs/model-format.md).</summary>
public abstract class ModelLayer
{
    /// <summary>Creates a layer with a name (weighted layers use the names every command prints: conv1, fc2...).</summary>
    protected ModelLayer(string name) => Name = name;

    /// <summary>The layer's name.</summary>
    public string Name { get; }

    /// <summary>The type tag used in the model file.</summary>
    public abstract string Type { get; }

    /// <summary>The output shape for an input shape; throws <see cref="Bmcnn.Circuit.BmcnnException"/> if incompatible.</summary>
    public abstract TensorShape OutputShape(TensorShape input);
}

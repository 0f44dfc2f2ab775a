using Bmcnn.Network.Model;

namespace Bmcnn.Network.Inference;

/// <summary>Builds the <see cref="IWeightedSum"/> kernel of each layer block: one factory per inference mode.</summary>
public interface IWeightedSumFactory
{
    /// <summary>The mode name printed by commands ("software", "behavioral", "circuit").</summary>
    string Mode { get; }

    /// <summary>Creates the kernel for a block (block.Index 0 takes analog pixel inputs, the rest ±1).</summary>
    IWeightedSum Create(LayerBlock block);
}

namespace Bmcnn.Network.Model;

/// <summary>
/// One weighted layer with what follows it up to the next weighted layer: batch-norm, then either sign (a hidden
/// block, optionally max-pooled and flattened) or nothing (the output block, whose normalized values are the logits).
/// This grouping is what inference folds: the batch-norm and sign of a hidden block become one threshold per neuron.
/// </summary>
/// <param name="Index">Position among the blocks (0 = the first layer, which takes analog pixels).</param>
/// <param name="Weighted">The binary-weight layer.</param>
/// <param name="Norm">Its batch-norm.</param>
/// <param name="Sign">True for a hidden block (sign activation), false for the output block.</param>
/// <param name="Pool">Max-pool after the sign, if any.</param>
/// <param name="Flatten">True when a flatten follows.</param>
/// <param name="Input">Shape entering the weighted layer.</param>
/// <param name="Output">Shape of the weighted layer's output (before pooling).</param>
public sealed record LayerBlock(int Index, WeightedLayer Weighted, BatchNorm Norm, bool Sign, MaxPool? Pool, bool Flatten,
    TensorShape Input, TensorShape Output)
{
    /// <summary>Shape leaving the block (after pooling and flattening).</summary>
    public TensorShape Result
    {
        get
        {
            var s = Pool is null ? Output : Pool.OutputShape(Output);
            return Flatten ? new TensorShape(1, 1, s.Size, true) : s;
        }
    }

    /// <summary>Number of weighted sums per sample: output positions of a conv layer, 1 for a linear layer.</summary>
    public int Positions => Output.Height * Output.Width;
}

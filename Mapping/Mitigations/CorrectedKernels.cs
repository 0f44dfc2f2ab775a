using Bmcnn.Mapping.Compile;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;

namespace Bmcnn.Mapping.Mitigations;

/// <summary>
/// Any chip's kernels with the output layer's readings passed through a calibrated <see cref="OutputCorrection"/>
/// (reading ↦ (reading − offset)/gain per class): the digital half of <see cref="SenseCalibration"/> for engines that
/// have no response matrix, such as the nonlinear circuit mode.
/// </summary>
public sealed class CorrectedKernels : IWeightedSumFactory
{
    private readonly IWeightedSumFactory _chip;
    private readonly MappedNetwork _network;
    private readonly OutputCorrection? _correction;

    /// <summary>Wraps <paramref name="chip"/>; a null <paramref name="correction"/> leaves every reading as it is.</summary>
    public CorrectedKernels(IWeightedSumFactory chip, MappedNetwork network, OutputCorrection? correction)
    {
        _chip = chip ?? throw new ArgumentNullException(nameof(chip));
        _network = network ?? throw new ArgumentNullException(nameof(network));
        _correction = correction;
    }

    /// <inheritdoc />
    public string Mode => _chip.Mode;

    /// <inheritdoc />
    public IWeightedSum Create(LayerBlock block)
    {
        var kernel = _chip.Create(block);
        return _correction is not null && _network.ForBlock(block.Index) is { IsOutput: true } ? Correct(kernel, _correction) : kernel;
    }

    /// <summary>The output layer's kernel <paramref name="kernel"/> with <paramref name="correction"/> applied to its readings.</summary>
    internal static IWeightedSum Correct(IWeightedSum kernel, OutputCorrection correction) => new CorrectedKernel(kernel, correction);

    private sealed class CorrectedKernel(IWeightedSum inner, OutputCorrection correction) : IWeightedSum
    {
        public WeightedLayer Layer => inner.Layer;

        public void Compute(float[] inputs, int count, float[] outputs)
        {
            inner.Compute(inputs, count, outputs);
            var classes = Layer.Columns;
            for (var v = 0; v < count; v++)
            {
                for (var c = 0; c < classes; c++)
                {
                    var i = v * classes + c;
                    outputs[i] = (float)((outputs[i] - correction.Offset[c]) / correction.Gain[c]);
                }
            }
        }
    }
}

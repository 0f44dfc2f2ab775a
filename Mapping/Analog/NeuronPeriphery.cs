using Bmcnn.Devices;
using Bmcnn.Mapping.Compile;

namespace Bmcnn.Mapping.Analog;

/// <summary>
/// What a mapped layer's periphery does with its neuron currents, reported in the form the BNN pipeline's digital
/// logic consumes (currents arrive in weighted-sum units, I / I_unit):
/// <list type="bullet">
/// <item>hidden layer: the comparator decides I + offset &gt; I_ref; the value returned is T ± (I + offset − I_ref)/I_unit,
/// which the pipeline's folded threshold T (fire at ≥ T, or ≤ T when inverted) turns into exactly that decision;</item>
/// <item>output layer: the ADC-digitised current over I_unit, the weighted sum the digital batch-norm and argmax use.</item>
/// </list>
/// </summary>
public sealed class NeuronPeriphery
{
    private readonly double[] _bias;
    private readonly double[] _threshold;
    private readonly bool[] _inverted;
    private readonly double _unit;
    private readonly Adc? _adc;
    private readonly bool _output;
    private readonly int _neurons;

    /// <summary>Captures the layer's comparators (offsets, references) or ADC as they are now.</summary>
    public NeuronPeriphery(MappedLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        _neurons = layer.Plan.Neurons;
        _unit = layer.UnitCurrent;
        _output = layer.IsOutput;
        _adc = layer.Adc;
        _bias = new double[_neurons];
        _threshold = new double[_neurons];
        _inverted = new bool[_neurons];
        for (var n = 0; n < layer.Amplifiers.Length; n++)
        {
            _bias[n] = (layer.Amplifiers[n].Offset - layer.Amplifiers[n].ReferenceCurrent) / _unit;
            _threshold[n] = layer.Thresholds[n].Threshold;
            _inverted[n] = layer.Thresholds[n].Inverted;
        }
    }

    /// <summary>Turns <paramref name="count"/> vectors of neuron currents (in units of I_unit) into pipeline values, in place.</summary>
    public void Apply(float[] values, int count)
    {
        for (var v = 0; v < count; v++)
        {
            var o = v * _neurons;
            for (var n = 0; n < _neurons; n++)
            {
                double sum = values[o + n];
                if (_output)
                {
                    values[o + n] = (float)(_adc is null ? sum : _adc.Quantize(sum * _unit) / _unit);
                }
                else if (double.IsInfinity(_threshold[n]))
                {
                    values[o + n] = 0; // constant neuron: the pipeline's infinite threshold decides alone
                }
                else
                {
                    var margin = sum + _bias[n];
                    values[o + n] = (float)(_inverted[n] ? _threshold[n] - margin : _threshold[n] + margin);
                }
            }
        }
    }
}

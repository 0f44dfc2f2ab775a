using Bmcnn.Circuit;

namespace Bmcnn.Devices;

/// <summary>
/// Draws physical device instances from a <see cref="DeviceSpec"/>: first the fault (stuck ON, stuck OFF or
/// programmable), then the resistance of the state the device ends up in. Every device consumes the same random draws
/// whatever σ is (except redraws of a truncated Gaussian), so sweeps over σ with one seed share their random numbers.
/// </summary>
public sealed class DeviceSampler
{
    private readonly double _rOn, _rOff, _sigmaOn, _sigmaOff, _stuckOn, _stuckAny;
    private readonly double _logMuOn, _logSOn, _logMuOff, _logSOff;
    private readonly VariationDistribution _law;
    private readonly double[]? _shapeOn, _shapeOff;

    /// <summary>
    /// Floor of the <c>gaussian-conductance</c> law as a fraction of the nominal conductance: a draw below it (a
    /// device that would conduct almost nothing or negatively) reads 1% of its nominal G, i.e. 100× its nominal R.
    /// </summary>
    public const double ConductanceFloor = 0.01;

    /// <summary>Creates the sampler for a validated spec.</summary>
    public DeviceSampler(DeviceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        Spec = spec;
        _rOn = spec.ROn;
        _rOff = spec.ROff;
        _sigmaOn = spec.SigmaOn;
        _sigmaOff = spec.SigmaOff;
        _stuckOn = spec.StuckOn;
        _stuckAny = spec.StuckOn + spec.StuckOff;
        _law = spec.Distribution;
        if (_law == VariationDistribution.Empirical)
        {
            var data = EmpiricalResistances.Load(spec.EmpiricalFile);
            _shapeOn = data.Shape(true, _sigmaOn);
            _shapeOff = data.Shape(false, _sigmaOff);
        }
        // Lognormal with mean R and standard deviation σ·R: s² = ln(1 + σ²), μ = −s²/2 (relative to R).
        _logSOn = Math.Sqrt(Math.Log(1 + _sigmaOn * _sigmaOn));
        _logMuOn = -0.5 * _logSOn * _logSOn;
        _logSOff = Math.Sqrt(Math.Log(1 + _sigmaOff * _sigmaOff));
        _logMuOff = -0.5 * _logSOff * _logSOff;
    }

    /// <summary>The spec the devices are drawn from.</summary>
    public DeviceSpec Spec { get; }

    /// <summary>The resistance in ohms of one device programmed ON (<paramref name="on"/>) or OFF.</summary>
    public double Resistance(bool on, ref RandomStream random)
    {
        var u = random.NextDouble();
        if (u < _stuckAny)
        {
            on = u < _stuckOn;
        }
        if (_law == VariationDistribution.Empirical)
        {
            // One uniform per device whatever σ is, so σ sweeps with one seed pick the same samples.
            var shape = on ? _shapeOn! : _shapeOff!;
            return (on ? _rOn : _rOff) * shape[Math.Min((int)(random.NextDouble() * shape.Length), shape.Length - 1)];
        }
        return on
            ? Vary(_rOn, _sigmaOn, _logMuOn, _logSOn, ref random)
            : Vary(_rOff, _sigmaOff, _logMuOff, _logSOff, ref random);
    }

    /// <summary>
    /// Programs cells: each cell holds <see cref="DeviceSpec.Redundancy"/> devices in parallel, all programmed to the
    /// cell's state; writes each cell's total conductance in siemens.
    /// </summary>
    public void Program(ReadOnlySpan<bool> states, Span<double> conductances, ref RandomStream random)
    {
        if (conductances.Length < states.Length) throw new ArgumentException("conductance span shorter than the state span", nameof(conductances));
        var k = Spec.Redundancy;
        for (var i = 0; i < states.Length; i++)
        {
            var g = 0.0;
            for (var d = 0; d < k; d++)
            {
                g += 1.0 / Resistance(states[i], ref random);
            }
            conductances[i] = g;
        }
    }

    private double Vary(double nominal, double sigma, double logMu, double logS, ref RandomStream random)
    {
        var z = random.NextGaussian();
        if (_law == VariationDistribution.Lognormal)
        {
            return nominal * Math.Exp(logMu + logS * z);
        }
        if (_law == VariationDistribution.GaussianConductance)
        {
            // G = G_nom·(1 + σz), floored at 1% of G_nom. Near-shorts (G ≫ G_nom) need z ≫ 1/σ: Gaussian-rare, and
            // G's mean stays finite, unlike the truncated Gaussian on R.
            return nominal / Math.Max(1 + sigma * z, ConductanceFloor);
        }
        var r = nominal * (1 + sigma * z);
        while (r <= 0)
        {
            // Truncation to positive values: redraw (rejection keeps the conditional Gaussian shape exactly).
            r = nominal * (1 + sigma * random.NextGaussian());
        }
        return r;
    }
}

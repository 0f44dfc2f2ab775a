using Bmcnn.Circuit.Algebra;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Circuit.Analysis.Stamps;

/// <summary>
/// A junction diode from <c>anode</c> through an optional internal node (after the series resistance) to
/// <c>cathode</c>. The junction voltage of each Newton iterate is limited as SPICE does (logarithmic steps above the
/// critical voltage, bounded steps into reverse bias), and SPICE's gmin (1 pS) sits across the junction. In a
/// transient step the depletion and diffusion charge is integrated like a capacitor's.
/// </summary>
internal sealed class DiodeStamp : Stamp
{
    private const double JunctionGmin = 1e-12;

    private readonly Diode _diode;
    private readonly int _anode, _internal, _cathode;
    private readonly IntegrationState _state;
    private readonly int _slot;
    private readonly double _vte, _saturation, _critical, _seriesConductance, _capacitance;
    private ConductanceSlots _series, _junction;
    private double _lastVoltage;

    /// <param name="diode">The element.</param>
    /// <param name="anode">Anode unknown (−1 ground).</param>
    /// <param name="internalNode">The internal node after the series resistance, or the anode when it has none.</param>
    /// <param name="cathode">Cathode unknown (−1 ground).</param>
    /// <param name="state">The system's time-domain state.</param>
    public DiodeStamp(Diode diode, int anode, int internalNode, int cathode, IntegrationState state)
    {
        _diode = diode;
        _anode = anode;
        _internal = internalNode;
        _cathode = cathode;
        _state = state;
        var model = diode.Model;
        _vte = model.EmissionCoefficient * DiodeModel.ThermalVoltage;
        _saturation = model.SaturationCurrent * diode.Area;
        _critical = _vte * Math.Log(_vte / (Math.Sqrt(2) * _saturation));
        _seriesConductance = model.SeriesResistance > 0 ? diode.Area / model.SeriesResistance : 0;
        _capacitance = model.JunctionCapacitance * diode.Area;
        _slot = model.HasCharge ? state.Allocate(diode.Name) : -1;
    }

    public override Element Element => _diode;

    public override bool IsNonlinear => true;

    public override void Declare(SparseMatrixBuilder pattern)
    {
        if (_internal != _anode)
        {
            ConductanceSlots.Declare(pattern, _anode, _internal);
        }
        ConductanceSlots.Declare(pattern, _internal, _cathode);
    }

    public override void Bind(CscMatrix matrix)
    {
        if (_internal != _anode)
        {
            _series.Bind(matrix, _anode, _internal);
        }
        _junction.Bind(matrix, _internal, _cathode);
    }

    public override void LoadLinear(double[] values, double[] sourceRhs)
    {
        if (_internal != _anode)
        {
            _series.Add(values, _seriesConductance);
        }
    }

    public override bool LoadNonlinear(double[] values, double[] rhs, ReadOnlySpan<double> solution)
    {
        var vd = Limit(JunctionVoltage(solution), _lastVoltage);
        _lastVoltage = vd;
        var (i, g) = Junction(vd);
        if (_slot >= 0 && _state.Mode == LoadMode.Transient)
        {
            var (charge, capacitance) = Charge(vd, i, g);
            _state.Charge(0)[_slot] = charge;
            i += _state.Integrate(_slot);
            g += _state.Ag0 * capacitance;
        }
        _junction.Add(values, g);
        var equivalent = i - g * vd;
        AddRhs(rhs, _internal, -equivalent);
        AddRhs(rhs, _cathode, equivalent);
        return double.IsFinite(i) && double.IsFinite(g);
    }

    public override void InitializeState(ReadOnlySpan<double> solution, bool useInitialConditions)
    {
        var vd = JunctionVoltage(solution);
        _lastVoltage = vd;
        if (_slot >= 0)
        {
            var (i, g) = Junction(vd);
            _state.Charge(0)[_slot] = Charge(vd, i, g).Charge;
            _state.Flow(0)[_slot] = 0;
        }
    }

    private double JunctionVoltage(ReadOnlySpan<double> solution) =>
        (_internal >= 0 ? solution[_internal] : 0) - (_cathode >= 0 ? solution[_cathode] : 0);

    // Shockley's law, with SPICE's smooth cubic approach to −IS below −3·N·Vt, and gmin across the junction.
    private (double Current, double Conductance) Junction(double vd)
    {
        if (vd >= -3 * _vte)
        {
            var e = Math.Exp(vd / _vte);
            return (_saturation * (e - 1) + JunctionGmin * vd, _saturation * e / _vte + JunctionGmin);
        }
        var r = 3 * _vte / (vd * Math.E);
        r = r * r * r;
        return (-_saturation * (1 + r) + JunctionGmin * vd, _saturation * 3 * r / vd + JunctionGmin);
    }

    // Depletion charge (linearized above FC·VJ) plus diffusion charge TT·I, and its derivative.
    private (double Charge, double Capacitance) Charge(double vd, double current, double conductance)
    {
        var model = _diode.Model;
        var tt = model.TransitTime;
        double charge = tt * current, capacitance = tt * conductance;
        if (_capacitance == 0)
        {
            return (charge, capacitance);
        }
        var (vj, m, fc) = (model.JunctionPotential, model.GradingCoefficient, model.DepletionCoefficient);
        if (vd < fc * vj)
        {
            var arg = 1 - vd / vj;
            var power = Math.Exp(-m * Math.Log(arg));
            return (charge + vj * _capacitance * (1 - arg * power) / (1 - m), capacitance + _capacitance * power);
        }
        var f1 = vj * (1 - Math.Pow(1 - fc, 1 - m)) / (1 - m);
        var f2 = Math.Pow(1 - fc, 1 + m);
        var f3 = 1 - fc * (1 + m);
        var depletion = _capacitance * (f1 + (f3 * (vd - fc * vj) + m / (2 * vj) * (vd * vd - fc * vj * fc * vj)) / f2);
        return (charge + depletion, capacitance + _capacitance * (f3 + m * vd / vj) / f2);
    }

    // SPICE's junction limiting: above the critical voltage a step of more than 2·N·Vt becomes logarithmic, and a
    // step into reverse bias is bounded; a limited iterate is flagged so Newton does not stop on it.
    private double Limit(double next, double last)
    {
        double limited;
        if (next > _critical && Math.Abs(next - last) > 2 * _vte)
        {
            if (last > 0)
            {
                var arg = 1 + (next - last) / _vte;
                limited = arg > 0 ? last + _vte * Math.Log(arg) : _critical;
            }
            else
            {
                limited = _vte * Math.Log(next / _vte);
            }
        }
        else if (next < 0)
        {
            var floor = last > 0 ? -last - 1 : 2 * last - 1;
            limited = Math.Max(next, floor);
        }
        else
        {
            return next;
        }
        if (limited != next)
        {
            _state.Limited = true;
        }
        return limited;
    }
}

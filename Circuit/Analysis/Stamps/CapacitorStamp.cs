using Bmcnn.Circuit.Algebra;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Circuit.Analysis.Stamps;

/// <summary>
/// A capacitor: nothing in DC; in a transient step the integrated charge C·v gives a conductance ag0·C and an
/// equivalent current i − ag0·C·v leaving a.
/// </summary>
internal sealed class CapacitorStamp(Capacitor capacitor, int a, int b, IntegrationState state) : Stamp
{
    private readonly int _slot = state.Allocate(capacitor.Name);
    private ConductanceSlots _slots;

    public override Element Element => capacitor;

    public override bool IsReactive => true;

    public override void Declare(SparseMatrixBuilder pattern) => ConductanceSlots.Declare(pattern, a, b);

    public override void Bind(CscMatrix matrix) => _slots.Bind(matrix, a, b);

    public override void LoadLinear(double[] values, double[] sourceRhs) { }

    public override void LoadReactive(double[] values, double[] rhs, ReadOnlySpan<double> solution)
    {
        var v = Voltage(solution);
        var c = capacitor.Capacitance;
        state.Charge(0)[_slot] = c * v;
        var i = state.Integrate(_slot);
        var g = state.Ag0 * c;
        _slots.Add(values, g);
        var equivalent = i - g * v;
        AddRhs(rhs, a, -equivalent);
        AddRhs(rhs, b, equivalent);
    }

    public override void InitializeState(ReadOnlySpan<double> solution, bool useInitialConditions)
    {
        var v = useInitialConditions && capacitor.InitialVoltage is { } initial ? initial : Voltage(solution);
        state.Charge(0)[_slot] = capacitor.Capacitance * v;
        state.Flow(0)[_slot] = 0;
    }

    private double Voltage(ReadOnlySpan<double> solution) => (a >= 0 ? solution[a] : 0) - (b >= 0 ? solution[b] : 0);
}

namespace Bmcnn.Circuit.Crossbars;

/// <summary>
/// Everything a linear (ohmic) tile does to an input vector V (row driver voltages, volts), from one factorization:
/// the column currents I = Vᵀ·<see cref="Transfer"/>, and the power the drivers deliver, P = Vᵀ·Y·V, split exactly
/// into the dissipation of the devices, the driver and sense resistances and the wires. Every power matrix is a
/// symmetric rows × rows quadratic form (row-major): the part dissipated in a set of resistors is Vᵀ·Q·V with
/// Q = Σ_k g_k·a_k·a_kᵀ, where a_k maps the inputs to resistor k's voltage. The wire form is the remainder
/// Y − devices − drivers − terminations: by Tellegen's theorem the drivers' power equals the sum of every resistor's
/// dissipation, so the remainder is exactly what the wire segments dissipate.
/// </summary>
/// <param name="Rows">Rows (inputs).</param>
/// <param name="Transfer">Column currents per unit row voltage, rows × columns, A/V.</param>
/// <param name="Admittance">Input admittance Y, rows × rows, S: entry [k, i] is the current driver k delivers when
/// row i alone is driven with 1 V.</param>
/// <param name="Devices">Quadratic form of the power dissipated in the devices, rows × rows, S.</param>
/// <param name="Drivers">Quadratic form of the driver resistances' dissipation (zeros for ideal drivers).</param>
/// <param name="Terminations">Quadratic form of the sense resistors' dissipation (zeros for virtual-ground columns).</param>
public sealed record CrossbarResponse(int Rows, double[,] Transfer, double[] Admittance, double[] Devices, double[] Drivers,
    double[] Terminations)
{
    /// <summary>Quadratic form of the wire segments' dissipation: Y − devices − drivers − terminations.</summary>
    public double[] Wires()
    {
        var w = new double[Admittance.Length];
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = Admittance[i] - Devices[i] - Drivers[i] - Terminations[i];
        }
        return w;
    }

    /// <summary>Evaluates a quadratic form Vᵀ·Q·V in double precision (watts for a power form and volts).</summary>
    public static double Evaluate(ReadOnlySpan<double> form, ReadOnlySpan<double> volts)
    {
        var m = volts.Length;
        if (form.Length != m * m)
        {
            throw new BmcnnException($"crossbar: a {m}-row input against a power form of {form.Length} entries");
        }
        var sum = 0.0;
        for (var k = 0; k < m; k++)
        {
            var row = 0.0;
            for (var i = 0; i < m; i++)
            {
                row += form[k * m + i] * volts[i];
            }
            sum += volts[k] * row;
        }
        return sum;
    }
}

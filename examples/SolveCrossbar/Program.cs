// Build a 32×32 crossbar of 10 kΩ / 100 kΩ devices with 1 Ω wire segments, drive every row at ±0.2 V, solve it as a
// circuit, and compare the column currents with the ideal Kirchhoff sum I = Σ V·G that ignores the wires. The
// deviation is relative to the full scale n·G_on·V_read (a column sum can be near zero).
// Run: dotnet run --project examples/SolveCrossbar
using Bmcnn.Circuit.Crossbars;

const int n = 32;
const double gOn = 1 / 10e3, gOff = 1 / 100e3, vRead = 0.2;
var random = new Random(7); // explicit seed: the same crossbar on every run
var conductances = new double[n, n];
var volts = new double[n];
for (var r = 0; r < n; r++)
{
    volts[r] = random.Next(2) == 0 ? -vRead : vRead;
    for (var c = 0; c < n; c++)
    {
        conductances[r, c] = random.Next(2) == 0 ? gOn : gOff;
    }
}

var spec = new CrossbarSpec { Conductances = conductances, RowWireOhms = 1, ColumnWireOhms = 1 };
var crossbar = Crossbar.Build(spec, volts);
var circuit = crossbar.ColumnCurrents(volts);
Console.WriteLine($"{n}x{n} crossbar: {crossbar.Netlist.Elements.Count} elements");
var fullScale = n * gOn * vRead;
Console.WriteLine("column  circuit (µA)  ideal (µA)  deviation (of full scale)");
var worst = 0.0;
for (var c = 0; c < n; c++)
{
    var ideal = 0.0;
    for (var r = 0; r < n; r++)
    {
        ideal += volts[r] * conductances[r, c];
    }
    var loss = Math.Abs(ideal - circuit[c]) / fullScale;
    worst = Math.Max(worst, loss);
    if (c < 4 || c == n - 1)
    {
        Console.WriteLine($"{c,6}  {circuit[c] * 1e6,12:F4}  {ideal * 1e6,10:F4}  {loss,25:P3}");
    }
}
Console.WriteLine($"largest deviation from the ideal sum: {worst:P3}");

namespace Bmcnn.Circuit.Elements;

/// <summary>
/// A time function of an independent source in ngspice's syntax (<c>PULSE</c>, <c>PWL</c>, <c>SIN</c>, <c>EXP</c>):
/// the arguments as given (a prefix of the positional list; omitted ones take ngspice's defaults, several of which
/// depend on the transient analysis's step and stop time, so those are arguments of every evaluation).
/// </summary>
public abstract class Waveform
{
    private readonly double[] _arguments;

    /// <summary>Keeps the given arguments, checking each is finite.</summary>
    protected Waveform(string name, IReadOnlyList<double> arguments, int least, int most)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        Name = name;
        if (arguments.Count < least || arguments.Count > most)
        {
            var range = least == most ? $"{least}" : most == int.MaxValue ? $"at least {least}" : $"{least} to {most}";
            throw new BmcnnException($"{name.ToUpperInvariant()} takes {range} values, got {arguments.Count}");
        }
        foreach (var a in arguments)
        {
            if (!double.IsFinite(a))
            {
                throw new BmcnnException($"{name.ToUpperInvariant()}: every value must be a finite number, got {a}");
            }
        }
        _arguments = arguments.ToArray();
    }

    /// <summary>The function's SPICE name, lowercase (<c>pulse</c>, <c>pwl</c>, <c>sin</c>, <c>exp</c>).</summary>
    public string Name { get; }

    /// <summary>The arguments as given.</summary>
    public IReadOnlyList<double> Arguments => _arguments;

    /// <summary>
    /// The value at <paramref name="time"/>, for a transient analysis with print step <paramref name="step"/> and stop
    /// time <paramref name="stop"/> (which supply ngspice's defaults).
    /// </summary>
    public abstract double Value(double time, double step, double stop);

    /// <summary>Adds the times in (0, <paramref name="stop"/>] where the function has a corner.</summary>
    public abstract void AddBreakpoints(double step, double stop, List<double> times);

    /// <summary>
    /// Argument <paramref name="index"/>, or <paramref name="fallback"/> when not given (or zero if
    /// <paramref name="zeroIsDefault"/>).
    /// </summary>
    protected double Argument(int index, double fallback, bool zeroIsDefault = false) =>
        index < _arguments.Length && !(zeroIsDefault && _arguments[index] == 0) ? _arguments[index] : fallback;
}

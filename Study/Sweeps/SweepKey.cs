using Bmcnn.Network.Training;

namespace Bmcnn.Study.Sweeps;

/// <summary>
/// What identifies a sweep row: parameter, value, mitigation and trial. Ordering is the canonical row order of every
/// CSV the study writes (parameter, then value ascending, then mitigation, then trial; text compared ordinally), so a
/// merged set of shards sorts to exactly the unsharded file.
/// </summary>
/// <param name="Parameter">Parameter name.</param>
/// <param name="Value">Parameter value.</param>
/// <param name="Mitigation">Mitigation text as given.</param>
/// <param name="Trial">Trial number.</param>
public readonly record struct SweepKey(string Parameter, double Value, string Mitigation, int Trial) : IComparable<SweepKey>
{
    /// <inheritdoc />
    public int CompareTo(SweepKey other)
    {
        var c = string.CompareOrdinal(Parameter, other.Parameter);
        if (c != 0)
        {
            return c;
        }
        c = Value.CompareTo(other.Value);
        if (c != 0)
        {
            return c;
        }
        c = string.CompareOrdinal(Mitigation, other.Mitigation);
        return c != 0 ? c : Trial.CompareTo(other.Trial);
    }
}

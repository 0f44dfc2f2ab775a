using Bmcnn.Network.Training;

namespace Bmcnn.Study.Sweeps;

/// <summary>
/// One cell of a sweep grid: one trial of one mitigation at one value of the swept parameter, with the seed that
/// programs its devices. <see cref="Index"/> is its position in the full (unsharded) grid.
/// </summary>
/// <param name="Index">Position in the full grid, which is in canonical row order.</param>
/// <param name="Parameter">The swept parameter.</param>
/// <param name="Value">The parameter's value in SI units or as a fraction.</param>
/// <param name="Mitigation">The mitigation applied.</param>
/// <param name="Trial">Trial number, from 0.</param>
/// <param name="Seed">Seed for every random draw of this trial.</param>
public sealed record SweepPoint(int Index, SweepParameter Parameter, double Value, Mitigation Mitigation, int Trial, long Seed)
{
    /// <summary>The row key: parameter, value, mitigation and trial.</summary>
    public SweepKey Key => new(Parameter.Name, Value, Mitigation.Text, Trial);
}

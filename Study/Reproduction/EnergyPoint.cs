namespace Bmcnn.Study.Reproduction;

/// <summary>One design point of the energy stage: a swept value, its accuracy and its mean energy per image.</summary>
/// <param name="Parameter">The swept parameter's name (<c>r-wire</c>, <c>r-scale</c>, <c>tile</c>, <c>v-read</c>).</param>
/// <param name="Value">The value in SI units, a factor or a tile size.</param>
/// <param name="IsBase">True for the base design every other sweep starts from.</param>
/// <param name="Trials">Trials (programmed chips) averaged.</param>
/// <param name="Images">Test images each trial classified.</param>
/// <param name="Accuracy">Mean accuracy (fraction).</param>
/// <param name="Low">Lower end of the 95% interval: over trials (t) when there are several, else over the images (Wilson).</param>
/// <param name="High">Upper end of the 95% interval.</param>
/// <param name="EnergyJ">Mean energy per image in joules (array and periphery).</param>
public sealed record EnergyPoint(string Parameter, double Value, bool IsBase, int Trials, int Images, double Accuracy, double Low,
    double High, double EnergyJ)
{
    /// <summary>
    /// The points no other point beats on both counts (at most the energy and at least the accuracy, one of them
    /// strictly), ordered by energy: the front a designer chooses from.
    /// </summary>
    public static IReadOnlyList<EnergyPoint> ParetoFront(IEnumerable<EnergyPoint> points)
    {
        var front = new List<EnergyPoint>();
        foreach (var p in points.OrderBy(p => p.EnergyJ).ThenByDescending(p => p.Accuracy))
        {
            if (front.Count == 0 || p.Accuracy > front[^1].Accuracy)
            {
                front.Add(p);
            }
        }
        return front;
    }
}

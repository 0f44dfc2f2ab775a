namespace Bmcnn.Circuit.Elements;

/// <summary>
/// A junction diode (SPICE <c>D</c>) from anode to cathode following a <see cref="DiodeModel"/>, scaled by its area
/// factor (saturation current and junction capacitance times area, series resistance divided by it).
/// </summary>
public sealed class Diode : Element
{
    /// <summary>Creates the diode.</summary>
    public Diode(string name, string anode, string cathode, DiodeModel model, double area = 1) : base(name, anode, cathode)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Area = Finite(name, "area", area);
        if (area <= 0)
        {
            throw new BmcnnException($"element '{name}': area must be positive, got {area}");
        }
    }

    /// <summary>The model card.</summary>
    public DiodeModel Model { get; }

    /// <summary>The area factor (SPICE's optional number after the model name).</summary>
    public double Area { get; }
}

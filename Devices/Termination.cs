namespace Bmcnn.Devices;

/// <summary>How a crossbar column is read.</summary>
public enum Termination
{
    /// <summary>A transimpedance amplifier holds the column at virtual ground; its current is read directly.</summary>
    VirtualGround,

    /// <summary>The column current flows through a sense resistor to ground; the column voltage rises with it.</summary>
    SenseResistor,
}

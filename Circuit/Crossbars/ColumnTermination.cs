namespace Bmcnn.Circuit.Crossbars;

/// <summary>How the far end of each crossbar column is terminated.</summary>
public enum ColumnTermination
{
    /// <summary>Held at 0 V by an ideal transimpedance amplifier: a 0 V source <c>vcol&lt;j&gt;</c> whose branch
    /// current is the column current.</summary>
    VirtualGround,

    /// <summary>A sense resistor <c>rsense&lt;j&gt;</c> of <see cref="CrossbarSpec.SenseOhms"/> to ground; the column
    /// current flows through it.</summary>
    SenseResistor,
}

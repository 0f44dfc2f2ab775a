namespace Bmcnn.Devices.Programming;

/// <summary>How the lines of a crossbar are biased while one row's selected cells get a write pulse of amplitude V.</summary>
public enum WriteScheme
{
    /// <summary>V/2: selected row V, selected columns 0, every other line V/2 (half-selected cells see V/2).</summary>
    V2,

    /// <summary>V/3: selected row V, selected columns 0, other rows V/3, other columns 2V/3 (every other cell sees ±V/3).</summary>
    V3,
}

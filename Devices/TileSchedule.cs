namespace Bmcnn.Devices;

/// <summary>How the tiles of one layer are read.</summary>
public enum TileSchedule
{
    /// <summary>Every tile of a layer is read in the same cycle (one read cycle per input vector).</summary>
    Parallel,

    /// <summary>The tiles of a layer are read one after another (one read cycle per tile and input vector).</summary>
    Sequential,
}

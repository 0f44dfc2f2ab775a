namespace Bmcnn.Mapping.Analog;

/// <summary>One tile, one input: our circuit solution against ngspice, the transfer matrix and the ideal-wire sums.</summary>
/// <param name="Layer">Layer name.</param>
/// <param name="Tile">Tile index.</param>
/// <param name="Image">Image index.</param>
/// <param name="Rows">Tile rows.</param>
/// <param name="Columns">Tile physical columns.</param>
/// <param name="Ngspice">Largest relative difference engine vs ngspice (NaN when not run).</param>
/// <param name="Transfer">Largest relative difference engine vs transfer matrix (NaN for nonlinear devices).</param>
/// <param name="IrDrop">Largest |I_circuit − I_behavioral| / largest |I_behavioral| over the columns.</param>
/// <param name="EngineSeconds">Time of our DC solve.</param>
/// <param name="NgspiceSeconds">Time of the ngspice run (NaN when not run).</param>
/// <param name="Watts">Power delivered by the row drivers, Vᵀ·Y·V from the tile's power forms (the engine's Σ V·I for
/// nonlinear devices).</param>
/// <param name="PowerForms">Relative difference of <paramref name="Watts"/> to the engine's Σ V·I (NaN for nonlinear devices).</param>
/// <param name="PowerNgspice">Relative difference of <paramref name="Watts"/> to ngspice's Σ V·I (NaN when not run).</param>
public sealed record TileComparison(string Layer, int Tile, int Image, int Rows, int Columns, double Ngspice, double Transfer,
    double IrDrop, double EngineSeconds, double NgspiceSeconds, double Watts = double.NaN, double PowerForms = double.NaN,
    double PowerNgspice = double.NaN);

namespace Bmcnn.Circuit.Crossbars;

/// <summary>
/// The power of one crossbar read, in watts: what the row drivers deliver (Σ V·I over the input sources) and where
/// it is dissipated. For a solved circuit the parts add up to <see cref="Delivered"/> (Tellegen's theorem).
/// </summary>
/// <param name="Delivered">Σ over the input sources of source voltage × current delivered.</param>
/// <param name="Devices">Dissipated in the memristive devices.</param>
/// <param name="Wires">Dissipated in the row and column wire segments.</param>
/// <param name="Drivers">Dissipated in the driver output resistances.</param>
/// <param name="Terminations">Dissipated in the sense resistors.</param>
public sealed record CrossbarPower(double Delivered, double Devices, double Wires, double Drivers, double Terminations);

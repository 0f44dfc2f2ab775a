namespace Bmcnn.Netlists.Crossbars;

/// <summary>
/// One write pulse of a half-select scheme: the selected cell (<paramref name="Row"/>, <paramref name="Column"/>) gets
/// the full write voltage with sign <paramref name="Polarity"/> (+1: row above column, −1: column above row).
/// </summary>
public readonly record struct WritePulse(int Row, int Column, int Polarity);

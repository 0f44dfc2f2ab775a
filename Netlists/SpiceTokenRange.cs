namespace Bmcnn.Netlists;

/// <summary>Where a token lies in its card's text, stored compactly so a large deck costs no object per token.</summary>
internal readonly record struct SpiceTokenRange(int Start, int Length, int Line);

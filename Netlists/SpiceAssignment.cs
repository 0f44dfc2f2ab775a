namespace Bmcnn.Netlists;

/// <summary>A <c>name = value</c> pair from a <c>.param</c>, <c>.subckt</c> or instance line; the value is unevaluated text.</summary>
internal readonly record struct SpiceAssignment(string Name, string Value, int Line);

namespace Bmcnn.Netlists;

/// <summary>
/// One level of the subcircuit expansion: the instance path (empty at the top level), the definition being expanded,
/// its pin map and parameters, and the chain of definitions above it (to refuse recursion).
/// </summary>
internal sealed record ElaborationInstance(
    string Path,
    SubcircuitDefinition Definition,
    IReadOnlyDictionary<string, string> Pins,
    ParameterScope Scope,
    IReadOnlyList<SubcircuitDefinition> Stack);

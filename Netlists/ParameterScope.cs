namespace Bmcnn.Netlists;

/// <summary>Parameter values visible at one level: a subcircuit instance's own, then the file's global ones.</summary>
internal sealed class ParameterScope
{
    private readonly Dictionary<string, double> _values = new(StringComparer.OrdinalIgnoreCase);

    public ParameterScope(ParameterScope? parent) => Parent = parent;

    /// <summary>The enclosing scope, or null for the global one.</summary>
    public ParameterScope? Parent { get; }

    /// <summary>Sets a parameter at this level.</summary>
    public void Set(string name, double value) => _values[name] = value;

    /// <summary>The value of a parameter here or in an enclosing scope, or null.</summary>
    public double? Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._values.TryGetValue(name, out var value))
            {
                return value;
            }
        }
        return null;
    }
}

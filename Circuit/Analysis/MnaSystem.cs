using Bmcnn.Circuit.Algebra;
using Bmcnn.Circuit.Analysis.Stamps;
using Bmcnn.Circuit.Elements;
using Bmcnn.Circuit.Expressions;

namespace Bmcnn.Circuit.Analysis;

/// <summary>
/// A netlist compiled for modified nodal analysis: unknowns are the node voltages (in netlist order) followed by the
/// branch currents of voltage-defined sources (V, E, B with V=). The sparsity pattern, the stamps' value slots and the
/// LU ordering are fixed here once; loads only write values.
/// </summary>
internal sealed class MnaSystem
{
    private readonly Stamp[] _linear;
    private readonly Stamp[] _nonlinear;
    private readonly int[] _diagonal;
    private readonly double[] _baseValues;
    private readonly double[] _sourceRhs;
    private SparseLu? _lu;

    public MnaSystem(Netlist netlist)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        Netlist = netlist;
        var nodeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in netlist.Nodes)
        {
            nodeIndex[node] = nodeIndex.Count;
        }
        NodeCount = nodeIndex.Count;
        TopologyCheck.Run(netlist, nodeIndex);

        var names = new List<string>(netlist.Nodes);
        var branchOf = new Dictionary<Element, int>();
        foreach (var element in netlist.Elements)
        {
            if (element is VoltageSource or Vcvs or BehavioralSource { Kind: BehavioralKind.Voltage })
            {
                branchOf[element] = names.Count;
                names.Add(element.Name);
            }
        }
        UnknownNames = names.ToArray();
        Size = names.Count;
        BranchIndex = branchOf.ToDictionary(kv => kv.Key.Name, kv => kv.Value, StringComparer.Ordinal);
        NodeIndex = nodeIndex;

        int N(string node) => node == "0" ? -1 : nodeIndex[node];
        var stamps = new List<Stamp>(netlist.Elements.Count);
        foreach (var element in netlist.Elements)
        {
            var nodes = element.Nodes;
            stamps.Add(element switch
            {
                Resistor r => new ResistorStamp(r, N(nodes[0]), N(nodes[1])),
                VoltageSource v => new VoltageSourceStamp(v, N(nodes[0]), N(nodes[1]), branchOf[v]),
                CurrentSource i => new CurrentSourceStamp(i, N(nodes[0]), N(nodes[1])),
                Vcvs e => new VcvsStamp(e, N(nodes[0]), N(nodes[1]), N(nodes[2]), N(nodes[3]), branchOf[e]),
                Vccs g => new VccsStamp(g, N(nodes[0]), N(nodes[1]), N(nodes[2]), N(nodes[3])),
                NonlinearConductor d => new NonlinearConductorStamp(d, N(nodes[0]), N(nodes[1])),
                BehavioralSource { Kind: BehavioralKind.Current } b =>
                    new BehavioralCurrentStamp(b, N(nodes[0]), N(nodes[1]), Compile(b, nodeIndex)),
                BehavioralSource b => new BehavioralVoltageStamp(b, N(nodes[0]), N(nodes[1]), branchOf[b], Compile(b, nodeIndex)),
                _ => throw new BmcnnException($"element '{element.Name}': {element.GetType().Name} is not supported by the DC analysis"),
            });
        }
        _linear = stamps.Where(s => !s.IsNonlinear).ToArray();
        _nonlinear = stamps.Where(s => s.IsNonlinear).ToArray();

        var pattern = new SparseMatrixBuilder(Size);
        for (var i = 0; i < NodeCount; i++)
        {
            pattern.Entry(i, i); // gmin stepping writes every node diagonal
        }
        foreach (var stamp in stamps)
        {
            stamp.Declare(pattern);
        }
        Matrix = pattern.Build();
        foreach (var stamp in stamps)
        {
            stamp.Bind(Matrix);
        }
        _diagonal = new int[NodeCount];
        for (var i = 0; i < NodeCount; i++)
        {
            _diagonal[i] = Matrix.IndexOf(i, i);
        }
        _baseValues = new double[Matrix.Values.Length];
        _sourceRhs = new double[Size];
        Refresh();
    }

    /// <summary>The compiled netlist.</summary>
    public Netlist Netlist { get; }

    /// <summary>Number of unknowns.</summary>
    public int Size { get; }

    /// <summary>Number of node-voltage unknowns (the first unknowns).</summary>
    public int NodeCount { get; }

    /// <summary>Node name or source name of each unknown.</summary>
    public string[] UnknownNames { get; }

    /// <summary>Unknown index of each non-ground node.</summary>
    public IReadOnlyDictionary<string, int> NodeIndex { get; }

    /// <summary>Unknown index of the branch current of each voltage-defined source.</summary>
    public IReadOnlyDictionary<string, int> BranchIndex { get; }

    /// <summary>True when no stamp depends on the solution: one factorization solves the circuit.</summary>
    public bool IsLinear => _nonlinear.Length == 0;

    /// <summary>The MNA matrix (values as of the last load).</summary>
    public CscMatrix Matrix { get; }

    /// <summary>Reloads the solution-independent values (after element values such as source voltages changed).</summary>
    public void Refresh()
    {
        Matrix.Clear();
        Array.Clear(_sourceRhs);
        foreach (var stamp in _linear)
        {
            stamp.LoadLinear(Matrix.Values, _sourceRhs);
        }
        foreach (var stamp in _nonlinear)
        {
            stamp.LoadLinear(Matrix.Values, _sourceRhs); // their constant part, e.g. a B source's ±1 branch entries
        }
        Array.Copy(Matrix.Values, _baseValues, _baseValues.Length);
    }

    /// <summary>
    /// Loads the matrix and <paramref name="rhs"/> linearized at <paramref name="solution"/>, with independent sources
    /// scaled by <paramref name="sourceFactor"/> and <paramref name="gmin"/> siemens from every node to ground.
    /// Returns the first element whose value or derivative is not finite at that point, or null.
    /// </summary>
    public Element? Load(ReadOnlySpan<double> solution, double sourceFactor, double gmin, double[] rhs)
    {
        var values = Matrix.Values;
        Array.Copy(_baseValues, values, values.Length);
        for (var i = 0; i < rhs.Length; i++)
        {
            rhs[i] = sourceFactor * _sourceRhs[i];
        }
        Element? nonFinite = null;
        foreach (var stamp in _nonlinear)
        {
            if (!stamp.LoadNonlinear(values, rhs, solution))
            {
                nonFinite ??= stamp.Element;
            }
        }
        if (gmin != 0)
        {
            foreach (var slot in _diagonal)
            {
                values[slot] += gmin;
            }
        }
        return nonFinite;
    }

    /// <summary>The voltages an element's value depends on, e.g. <c>V(a) = -1, V(b) = 0.5</c>.</summary>
    public string DescribeInputs(Element element, ReadOnlySpan<double> solution)
    {
        var nodes = element switch
        {
            BehavioralSource b => b.Expression.Nodes,
            _ => element.Nodes.Take(2).Where(n => n != "0").ToList(),
        };
        var parts = new List<string>();
        foreach (var node in nodes)
        {
            if (NodeIndex.TryGetValue(node, out var i))
            {
                parts.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"V({node}) = {solution[i]:G6}"));
            }
        }
        return parts.Count == 0 ? "any voltage" : string.Join(", ", parts);
    }

    /// <summary>Factors the loaded matrix (the ordering is computed on first use and kept).</summary>
    /// <exception cref="SingularMatrixException">Naming the node or source whose unknown has no pivot.</exception>
    public SparseLu Factor()
    {
        try
        {
            _lu ??= new SparseLu(Matrix);
            _lu.Factor();
            return _lu;
        }
        catch (SingularMatrixException e)
        {
            throw new SingularMatrixException(e.Column, $"singular circuit matrix at {Describe(e.Column)}: {e.Message}");
        }
    }

    /// <summary>A readable name of an unknown: <c>node 'a'</c> or <c>branch current of 'v1'</c>.</summary>
    public string Describe(int unknown) =>
        unknown < 0 || unknown >= Size ? $"unknown {unknown}"
        : unknown < NodeCount ? $"node '{UnknownNames[unknown]}'" : $"branch current of '{UnknownNames[unknown]}'";

    private static CompiledExpression Compile(BehavioralSource source, Dictionary<string, int> nodeIndex) =>
        source.Expression.Compile(node => nodeIndex.TryGetValue(node, out var i)
            ? i
            : throw new BmcnnException($"element '{source.Name}': expression reads V({node}) but the circuit has no node '{node}'"));
}

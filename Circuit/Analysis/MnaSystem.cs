using System.Runtime.CompilerServices;
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
    private readonly ResistorBank _resistors;
    private readonly Stamp[] _linear;
    private readonly Stamp[] _nonlinear;
    private readonly Stamp[] _reactive;
    private readonly Stamp[] _stamps;
    private (int Slot, int Row, double Volts)[] _heldNodes = [];
    private readonly int[] _diagonal;
    private readonly double[] _baseValues;
    private readonly double[] _sourceRhs;
    private SparseLu? _lu;
    private Dictionary<string, int>? _nodeIndex;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public MnaSystem(Netlist netlist)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        Netlist = netlist;
        var elements = netlist.Elements;
        // Terminals are looked up by reference first: a reader shares one string per node, so a large netlist needs
        // no string hashing here; an equal but separate string (a netlist built in code) falls back to the names.
        var nodes = netlist.Nodes;
        var byReference = new Dictionary<string, int>(nodes.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < nodes.Count; i++)
        {
            byReference[nodes[i]] = i;
        }
        NodeCount = nodes.Count;

        // Every terminal's node index, looked up once: element e's are terminals[start[e] .. start[e+1]), -1 = ground.
        var start = new int[elements.Count + 1];
        for (var e = 0; e < elements.Count; e++)
        {
            start[e + 1] = start[e] + elements[e].Nodes.Count;
        }
        var terminals = new int[start[elements.Count]];
        for (var e = 0; e < elements.Count; e++)
        {
            var terminalNodes = elements[e].Nodes;
            for (var t = 0; t < terminalNodes.Count; t++)
            {
                var node = terminalNodes[t];
                terminals[start[e] + t] = node == "0" ? -1 : byReference.TryGetValue(node, out var i) ? i : NodeIndex[node];
            }
        }
        TopologyCheck.Run(netlist, start, terminals);

        int branchCount = 0, resistorCount = 0, internalCount = 0;
        foreach (var element in elements)
        {
            if (IsVoltageDefined(element))
            {
                branchCount++;
            }
            else if (element is Resistor)
            {
                resistorCount++;
            }
            else if (element is Diode { Model.SeriesResistance: > 0 })
            {
                internalCount++;
            }
        }
        BranchCount = branchCount;
        // Internal nodes (a diode's node after its series resistance) come last: ngspice does not report them either.
        var names = new string[NodeCount + branchCount + internalCount];
        var internalNode = NodeCount + branchCount;
        for (var i = 0; i < NodeCount; i++)
        {
            names[i] = netlist.Nodes[i];
        }
        var branchIndex = new Dictionary<string, int>(branchCount, StringComparer.Ordinal);
        var stamps = new Stamp[elements.Count - resistorCount];
        _resistors = new ResistorBank(resistorCount);
        int linearCount = 0, unknown = NodeCount, stampCount = 0;
        for (var e = 0; e < elements.Count; e++)
        {
            var element = elements[e];
            var s = start[e];
            int Node(int k) => terminals[s + k];
            var branch = -1;
            if (IsVoltageDefined(element))
            {
                branch = unknown++;
                names[branch] = element.Name;
                branchIndex[element.Name] = branch;
            }
            if (element is Resistor resistor)
            {
                _resistors.Add(resistor, Node(0), Node(1));
                continue;
            }
            var stamp = stamps[stampCount++] = element switch
            {
                VoltageSource v => new VoltageSourceStamp(v, Node(0), Node(1), branch, State),
                CurrentSource i => new CurrentSourceStamp(i, Node(0), Node(1), State),
                Capacitor c => new CapacitorStamp(c, Node(0), Node(1), State),
                Inductor l => new InductorStamp(l, Node(0), Node(1), branch, State),
                Diode { Model.SeriesResistance: > 0 } d => new DiodeStamp(d, Node(0), Internal(names, internalNode++, d), Node(1), State),
                Diode d => new DiodeStamp(d, Node(0), Node(0), Node(1), State),
                Vcvs v => new VcvsStamp(v, Node(0), Node(1), Node(2), Node(3), branch),
                Vccs g => new VccsStamp(g, Node(0), Node(1), Node(2), Node(3)),
                NonlinearConductor d => new NonlinearConductorStamp(d, Node(0), Node(1)),
                BehavioralSource { Kind: BehavioralKind.Current } b =>
                    new BehavioralCurrentStamp(b, Node(0), Node(1), Compile(b, NodeIndex)),
                BehavioralSource b => new BehavioralVoltageStamp(b, Node(0), Node(1), branch, Compile(b, NodeIndex)),
                _ => throw new BmcnnException($"element '{element.Name}': {element.GetType().Name} is not supported by the DC analysis"),
            };
            if (!stamp.IsNonlinear)
            {
                linearCount++;
            }
        }
        UnknownNames = names;
        Size = names.Length;
        BranchIndex = branchIndex;

        State.Create();
        _stamps = stamps;
        _reactive = stamps.Where(x => x.IsReactive).ToArray();
        _linear = new Stamp[linearCount];
        _nonlinear = new Stamp[stamps.Length - linearCount];
        int linear = 0, nonlinear = 0;
        foreach (var stamp in stamps)
        {
            if (stamp.IsNonlinear)
            {
                _nonlinear[nonlinear++] = stamp;
            }
            else
            {
                _linear[linear++] = stamp;
            }
        }

        // Room for what two-terminal elements and sources declare: a diagonal per node, two entries per terminal, four
        // per branch current (more complex stamps may still grow it).
        var pattern = new SparseMatrixBuilder(Size, NodeCount + 2 * terminals.Length + 4 * branchCount);
        for (var i = 0; i < NodeCount; i++)
        {
            pattern.Entry(i, i); // gmin stepping writes every node diagonal
        }
        _resistors.Declare(pattern);
        foreach (var stamp in stamps)
        {
            stamp.Declare(pattern);
        }
        Matrix = pattern.Build();
        _resistors.Bind(Matrix);
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
        // No Refresh here: every solve starts with one (element values may change in between), and a cold process
        // would pay for loading the matrix twice.
    }

    /// <summary>The time-domain state the stamps share (load mode, time, integration history).</summary>
    public IntegrationState State { get; } = new();

    /// <summary>Number of branch-current unknowns (they follow the node voltages).</summary>
    public int BranchCount { get; }

    /// <summary>Number of unknowns reported in results: node voltages and branch currents, not internal nodes.</summary>
    public int ReportedSize => NodeCount + BranchCount;

    /// <summary>True when the unknown is a voltage (a node, or an element's internal node), false for a branch current.</summary>
    public bool IsVoltage(int unknown) => unknown < NodeCount || unknown >= NodeCount + BranchCount;

    /// <summary>True when some element stores charge (a transient analysis integrates it).</summary>
    public bool IsReactive => State.Slots > 0;

    /// <summary>
    /// Holds the given node voltages during a transient analysis's initial operating point (SPICE's <c>.ic</c>), through
    /// a 10 GS conductance to the value, as SPICE does.
    /// </summary>
    public void HoldNodes(IReadOnlyDictionary<string, double> voltages)
    {
        var held = new List<(int, int, double)>();
        foreach (var (node, volts) in voltages)
        {
            var row = NodeIndex.TryGetValue(Netlist.Canonical(node), out var i)
                ? i : throw new BmcnnException($".ic names node '{node}', which the circuit does not have");
            held.Add((_diagonal[row], row, volts));
        }
        _heldNodes = held.ToArray();
    }

    /// <summary>Records every stored charge at the initial solution of a transient analysis.</summary>
    public void InitializeStates(ReadOnlySpan<double> solution, bool useInitialConditions)
    {
        foreach (var stamp in _stamps)
        {
            stamp.InitializeState(solution, useInitialConditions);
        }
        State.FillHistory();
    }

    /// <summary>The compiled netlist.</summary>
    public Netlist Netlist { get; }

    /// <summary>Number of unknowns.</summary>
    public int Size { get; }

    /// <summary>Number of node-voltage unknowns (the first unknowns).</summary>
    public int NodeCount { get; }

    /// <summary>Node name or source name of each unknown.</summary>
    public string[] UnknownNames { get; }

    /// <summary>Unknown index of each non-ground node (built on first use: a plain crossbar never needs it).</summary>
    public IReadOnlyDictionary<string, int> NodeIndex => _nodeIndex ??= BuildNodeIndex(Netlist.Nodes);

    /// <summary>Unknown index of the branch current of each voltage-defined source.</summary>
    public IReadOnlyDictionary<string, int> BranchIndex { get; }

    /// <summary>True when no stamp depends on the solution: one factorization solves the circuit.</summary>
    public bool IsLinear => _nonlinear.Length == 0;

    /// <summary>The LU factorization, once <see cref="Factor"/> has run.</summary>
    public SparseLu? Factorization => _lu;

    /// <summary>The MNA matrix (values as of the last load).</summary>
    public CscMatrix Matrix { get; }

    /// <summary>
    /// Loads the solution-independent values: before the first <see cref="Load"/>, and again after element values such
    /// as source voltages changed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Refresh()
    {
        Matrix.Clear();
        Array.Clear(_sourceRhs);
        _resistors.Load(Matrix.Values);
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Element? Load(ReadOnlySpan<double> solution, double sourceFactor, double gmin, double[] rhs)
    {
        var values = Matrix.Values;
        Array.Copy(_baseValues, values, values.Length);
        for (var i = 0; i < rhs.Length; i++)
        {
            rhs[i] = sourceFactor * _sourceRhs[i];
        }
        Element? nonFinite = null;
        State.Limited = false;
        foreach (var stamp in _nonlinear)
        {
            if (!stamp.LoadNonlinear(values, rhs, solution))
            {
                nonFinite ??= stamp.Element;
            }
        }
        if (State.Mode == LoadMode.Transient)
        {
            foreach (var stamp in _reactive)
            {
                stamp.LoadReactive(values, rhs, solution);
            }
        }
        else if (State.Mode == LoadMode.TransientOperatingPoint)
        {
            foreach (var (slot, row, volts) in _heldNodes)
            {
                values[slot] += HeldConductance;
                rhs[row] += HeldConductance * volts * sourceFactor;
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

    /// <summary>
    /// Factors the loaded matrix (the ordering is computed on first use and kept, with <paramref name="threads"/>
    /// threads allowed for a large factorization).
    /// </summary>
    /// <exception cref="SingularMatrixException">Naming the node or source whose unknown has no pivot.</exception>
    public SparseLu Factor(int threads = 1)
    {
        try
        {
            _lu ??= new SparseLu(Matrix, FillOrdering.Automatic, threads);
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
        : IsVoltage(unknown) ? $"node '{UnknownNames[unknown]}'" : $"branch current of '{UnknownNames[unknown]}'";

    private const double HeldConductance = 1e10;

    private static bool IsVoltageDefined(Element element) =>
        element is VoltageSource or Vcvs or Inductor or BehavioralSource { Kind: BehavioralKind.Voltage };

    private static int Internal(string[] names, int unknown, Element element)
    {
        names[unknown] = element.Name + "#internal";
        return unknown;
    }

    private static Dictionary<string, int> BuildNodeIndex(IReadOnlyList<string> nodes)
    {
        var index = new Dictionary<string, int>(nodes.Count, StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            index[nodes[i]] = i;
        }
        return index;
    }

    private static CompiledExpression Compile(BehavioralSource source, IReadOnlyDictionary<string, int> nodeIndex) =>
        source.Expression.Compile(node => nodeIndex.TryGetValue(node, out var i)
            ? i
            : throw new BmcnnException($"element '{source.Name}': expression reads V({node}) but the circuit has no node '{node}'"));
}

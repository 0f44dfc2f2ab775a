using System.Runtime.CompilerServices;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Circuit.Analysis;

/// <summary>
/// Structural checks run before any factorization, so a bad circuit is reported by name instead of as a singular
/// matrix: loops of voltage-defined sources (V, E, B with V=), nodes with no DC path to ground, and current sources
/// that form a cut-set (the only connection of a group of nodes to the rest of the circuit).
/// </summary>
internal static class TopologyCheck
{
    /// <summary>Throws <see cref="BmcnnException"/> with a one-line message at the first structural fault.</summary>
    /// <param name="netlist">The circuit; node i is <c>netlist.Nodes[i]</c>.</param>
    /// <param name="start">Element e's terminals are <paramref name="terminals"/>[start[e] .. start[e+1]).</param>
    /// <param name="terminals">Node index of each terminal, -1 for ground.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(Netlist netlist, int[] start, int[] terminals)
    {
        var elements = netlist.Elements;
        var n = netlist.Nodes.Count + 1; // slot n-1 is ground
        var ground = n - 1;
        int Id(int terminal) => terminal < 0 ? ground : terminal;

        CheckVoltageLoops(netlist, n, start, terminals);

        var dc = new DisjointSets(n);
        List<(Element Element, int A, int B)>? currentEdges = null;
        for (var e = 0; e < elements.Count; e++)
        {
            var element = elements[e];
            var (a, b) = (Id(terminals[start[e]]), Id(terminals[start[e] + 1]));
            switch (element)
            {
                case Capacitor:
                    break; // open in DC: a node reached only through capacitors has no DC path
                case Resistor or NonlinearConductor or VoltageSource or Vcvs or Inductor or Diode:
                case BehavioralSource { Kind: BehavioralKind.Voltage }:
                    dc.Union(a, b);
                    break;
                case BehavioralSource bs when ReadsOwnTerminals(bs.Expression.Nodes, element):
                    dc.Union(a, b); // e.g. a sinh memristor: its current depends on its own voltage, so it conducts
                    break;
                case Vccs g when SameNodes(g.Nodes[0], g.Nodes[1], g.Nodes[2], g.Nodes[3]):
                    dc.Union(a, b); // a G source controlled by its own terminals is a conductance
                    break;
                default:
                    (currentEdges ??= new()).Add((element, a, b));
                    break;
            }
        }

        var groundRoot = dc.Find(ground);
        Dictionary<int, List<string>>? isolated = null;
        for (var id = 0; id < ground; id++)
        {
            var root = dc.Find(id);
            if (root != groundRoot)
            {
                isolated ??= new Dictionary<int, List<string>>();
                if (!isolated.TryGetValue(root, out var list))
                {
                    isolated[root] = list = new List<string>();
                }
                list.Add(netlist.Nodes[id]);
            }
        }
        if (isolated is null)
        {
            return;
        }
        var (firstRoot, nodes) = isolated.First();
        var more = isolated.Count > 1 ? $" (and {isolated.Count - 1} more isolated group{(isolated.Count > 2 ? "s" : "")})" : "";
        var cut = (currentEdges ?? new())
            .Where(e => (dc.Find(e.A) == firstRoot) != (dc.Find(e.B) == firstRoot))
            .Select(e => e.Element.Name)
            .ToList();
        if (cut.Count > 0)
        {
            throw new BmcnnException(
                $"current source{Plural(cut)} {List(cut)} form{(cut.Count == 1 ? "s" : "")} a cut-set: node{Plural(nodes)} {List(nodes)} " +
                $"connect{(nodes.Count == 1 ? "s" : "")} to the rest of the circuit only through current sources (no DC path to ground){more}");
        }
        throw new BmcnnException($"floating node{Plural(nodes)} {List(nodes)}: no DC path to ground{more}");
    }

    private static void CheckVoltageLoops(Netlist netlist, int n, int[] start, int[] terminals)
    {
        var elements = netlist.Elements;
        var ground = n - 1;
        DisjointSets? sets = null;
        List<(int Other, Element Element)>[]? forest = null;
        for (var e = 0; e < elements.Count; e++)
        {
            var element = elements[e];
            if (element is not (VoltageSource or Vcvs or Inductor or BehavioralSource { Kind: BehavioralKind.Voltage }))
            {
                continue;
            }
            var (plus, minus) = (element.Nodes[0], element.Nodes[1]);
            if (plus == minus)
            {
                throw new BmcnnException($"voltage source '{element.Name}' is shorted: both terminals on node '{plus}' (a loop of voltage-defined " +
                    $"sources)");
            }
            sets ??= new DisjointSets(n);
            forest ??= new List<(int Other, Element Element)>[n];
            var (a, b) = (terminals[start[e]], terminals[start[e] + 1]);
            if (a < 0) a = ground;
            if (b < 0) b = ground;
            if (sets.Find(a) == sets.Find(b))
            {
                var path = PathInForest(forest, a, b);
                var names = path.Select(x => x.Name).Append(element.Name).ToList();
                var loopNodes = path.SelectMany(x => x.Nodes.Take(2)).Concat(new[] { plus, minus }).Distinct().ToList();
                throw new BmcnnException($"voltage sources {List(names)} form a loop through nodes {List(loopNodes)}");
            }
            sets.Union(a, b);
            (forest[a] ??= new()).Add((b, element));
            (forest[b] ??= new()).Add((a, element));
        }
    }

    /// <summary>The elements on the unique forest path from a to b (breadth-first search).</summary>
    private static List<Element> PathInForest(List<(int Other, Element Element)>[] forest, int a, int b)
    {
        var previous = new Dictionary<int, (int From, Element Element)> { [a] = (-1, null!) };
        var queue = new Queue<int>();
        queue.Enqueue(a);
        while (queue.Count > 0)
        {
            var u = queue.Dequeue();
            if (u == b) break;
            foreach (var (v, element) in forest[u] ?? new())
            {
                if (previous.TryAdd(v, (u, element)))
                {
                    queue.Enqueue(v);
                }
            }
        }
        var path = new List<Element>();
        for (var at = b; at != a; at = previous[at].From)
        {
            path.Add(previous[at].Element);
        }
        path.Reverse();
        return path;
    }

    private static bool ReadsOwnTerminals(IReadOnlyList<string> expressionNodes, Element element) =>
        expressionNodes.Contains(element.Nodes[0]) || expressionNodes.Contains(element.Nodes[1]);

    private static bool SameNodes(string p, string m, string cp, string cm) => (p == cp && m == cm) || (p == cm && m == cp);

    private static string Plural<T>(IReadOnlyCollection<T> items) => items.Count == 1 ? "" : "s";

    private static string List(IReadOnlyList<string> names) =>
        names.Count <= 8 ? string.Join(", ", names.Select(Quote)) : string.Join(", ", names.Take(8).Select(Quote)) + $" and {names.Count - 8} more";

    private static string Quote(string name) => $"'{name}'";
}

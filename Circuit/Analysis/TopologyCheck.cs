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
    public static void Run(Netlist netlist, IReadOnlyDictionary<string, int> nodeIndex)
    {
        var n = nodeIndex.Count + 1; // slot n-1 is ground
        var ground = n - 1;
        int Id(string node) => node == "0" ? ground : nodeIndex[node];

        CheckVoltageLoops(netlist, n, Id);

        var dc = new DisjointSets(n);
        var currentEdges = new List<(Element Element, int A, int B)>();
        foreach (var element in netlist.Elements)
        {
            var (a, b) = (Id(element.Nodes[0]), Id(element.Nodes[1]));
            switch (element)
            {
                case Resistor or NonlinearConductor or VoltageSource or Vcvs:
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
                    currentEdges.Add((element, a, b));
                    break;
            }
        }

        var groundRoot = dc.Find(ground);
        var isolated = new Dictionary<int, List<string>>();
        foreach (var (name, id) in nodeIndex.OrderBy(kv => kv.Value))
        {
            var root = dc.Find(id);
            if (root != groundRoot)
            {
                if (!isolated.TryGetValue(root, out var list))
                {
                    isolated[root] = list = new List<string>();
                }
                list.Add(name);
            }
        }
        if (isolated.Count == 0)
        {
            return;
        }
        var (firstRoot, nodes) = isolated.First();
        var more = isolated.Count > 1 ? $" (and {isolated.Count - 1} more isolated group{(isolated.Count > 2 ? "s" : "")})" : "";
        var cut = currentEdges
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

    private static void CheckVoltageLoops(Netlist netlist, int n, Func<string, int> id)
    {
        var sets = new DisjointSets(n);
        var forest = new List<(int Other, Element Element)>[n];
        foreach (var element in netlist.Elements)
        {
            if (element is not (VoltageSource or Vcvs or BehavioralSource { Kind: BehavioralKind.Voltage }))
            {
                continue;
            }
            var (plus, minus) = (element.Nodes[0], element.Nodes[1]);
            if (plus == minus)
            {
                throw new BmcnnException($"voltage source '{element.Name}' is shorted: both terminals on node '{plus}' (a loop of voltage-defined sources)");
            }
            var (a, b) = (id(plus), id(minus));
            if (sets.Find(a) == sets.Find(b))
            {
                var path = PathInForest(forest, a, b);
                var names = path.Select(e => e.Name).Append(element.Name).ToList();
                var loopNodes = path.SelectMany(e => e.Nodes.Take(2)).Concat(new[] { plus, minus }).Distinct().ToList();
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

using System.Runtime.CompilerServices;
using Bmcnn.Circuit;

namespace Bmcnn.Netlists;

/// <summary>
/// Canonical node names (lowercase, ground aliases as <c>0</c>) for the spellings met in a netlist: a node the netlist
/// already has comes back as its stored string, so a node named on three cards is one string, and looking up a name
/// already seen copies nothing.
/// </summary>
internal sealed class NodeNameTable
{
    private readonly Netlist _netlist;
    private char[] _scratch = new char[64];
    // The last two nodes found in the netlist (never a name it does not have).
    private string? _recent0;
    private string? _recent1;

    public NodeNameTable(Netlist netlist) => _netlist = netlist;

    /// <summary>The canonical name for <paramref name="spelling"/>, as <see cref="Netlist.Canonical"/> gives it.</summary>
    public string Canonical(ReadOnlySpan<char> spelling) => Canonical(spelling, out _);

    /// <summary>
    /// The canonical name for <paramref name="spelling"/>; <paramref name="known"/> is true when it is a node the netlist
    /// has already (never for ground).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Canonical(ReadOnlySpan<char> spelling, out bool known)
    {
        known = false;
        if (spelling is "0" || spelling.Equals("gnd", StringComparison.OrdinalIgnoreCase))
        {
            return "0";
        }
        var lower = spelling;
        if (!Lowercase.Is(spelling))
        {
            if (_scratch.Length < spelling.Length)
            {
                _scratch = new char[Math.Max(spelling.Length, 2 * _scratch.Length)];
            }
            var length = spelling.ToLowerInvariant(_scratch);
            lower = _scratch.AsSpan(0, length);
        }
        // Series chains (wire segments, ladders) name the node the card before ended on: compare with the last two
        // nodes found in the netlist before hashing.
        if (_recent0 is not null && lower.SequenceEqual(_recent0))
        {
            known = true;
            return _recent0;
        }
        if (_recent1 is not null && lower.SequenceEqual(_recent1))
        {
            known = true;
            return _recent1;
        }
        if (_netlist.FindNode(lower) is { } stored)
        {
            known = true;
            (_recent0, _recent1) = (stored, _recent0);
            return stored;
        }
        return new string(lower);
    }
}

using System.Runtime.CompilerServices;

namespace Bmcnn.Circuit;

/// <summary>
/// The positions of names kept in a list elsewhere, by open addressing: one 8-byte slot per name holding its hash
/// (high half) and its position + 1 (low half; 0 is an empty slot), probed linearly in a power-of-two array. A look-up
/// reads one slot (usually one cache line) and compares text only when the whole hash matches, where a
/// <see cref="Dictionary{TKey,TValue}"/> reads a bucket and an entry in two large arrays: a 50,000-element netlist's
/// indexes stay a third of the size and a look-up touches half the memory. The caller hashes and compares (so the same
/// slots serve ordinal node names and case-insensitive element names).
/// </summary>
internal struct NameSlots
{
    private long[] _slots;
    private int _count;

    /// <summary>The number of names indexed.</summary>
    public readonly int Count => _count;

    /// <summary>Makes room for <paramref name="count"/> names in all without rehashing.</summary>
    public void EnsureCapacity(int count)
    {
        if (_slots is null || count > MaxLoad(_slots.Length))
        {
            Resize(count);
        }
    }

    /// <summary>
    /// The first slot to probe for <paramref name="hash"/>; then <see cref="Next"/> while <see cref="TryGet"/> finds a
    /// name whose position the caller rejects.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int First(int hash) => _slots is null ? -1 : hash & (_slots.Length - 1);

    /// <summary>The slot after <paramref name="slot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int Next(int slot) => (slot + 1) & (_slots.Length - 1);

    /// <summary>
    /// False at an empty slot (the name is not indexed); otherwise true with the position stored there, or -1 when the
    /// slot holds a name of another hash.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool TryGet(int slot, int hash, out int position)
    {
        if (slot < 0)
        {
            position = -1;
            return false;
        }
        var value = _slots[slot];
        position = (int)(value >> 32) == hash ? (int)value - 1 : -1;
        return value != 0;
    }

    /// <summary>Indexes a name not indexed yet: <paramref name="hash"/> at <paramref name="position"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(int hash, int position)
    {
        if (_slots is null || _count + 1 > MaxLoad(_slots.Length))
        {
            Resize(_count + 1);
        }
        Place(_slots!, hash, position);
        _count++;
    }

    private static void Place(long[] slots, int hash, int position)
    {
        var mask = slots.Length - 1;
        var slot = hash & mask;
        while (slots[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }
        slots[slot] = ((long)hash << 32) | (uint)(position + 1);
    }

    // Linear probing stays short up to 80% full (about 3 slots for a hit, 13 for a miss, mostly in one cache line).
    private static int MaxLoad(int length) => (int)(length * 0.8);

    private void Resize(int count)
    {
        var length = 16;
        while (MaxLoad(length) < count)
        {
            length *= 2;
        }
        var slots = new long[length];
        if (_slots is not null)
        {
            foreach (var value in _slots)
            {
                if (value != 0)
                {
                    Place(slots, (int)(value >> 32), (int)value - 1);
                }
            }
        }
        _slots = slots;
    }
}

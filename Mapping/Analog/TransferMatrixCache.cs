using System.Collections.Concurrent;
using Bmcnn.Circuit.Crossbars;
using Bmcnn.Devices;
using Bmcnn.Mapping.Compile;

namespace Bmcnn.Mapping.Analog;

/// <summary>
/// Ohmic tiles' transfer matrices (and, separately, their responses with power forms) kept within one process, keyed
/// by everything that decides them: the programmed cell conductances (compared bit for bit, so the model, the device
/// law, the seed and program-and-verify are all in the key through what they programmed), the tile's shape, the row
/// and column wire resistance, the driver resistance and the column termination. Nothing else enters an ohmic tile's
/// matrices: the read voltage only scales currents, and offsets, calibration and thresholds act after the array. A hit
/// therefore returns exactly the numbers a fresh solve gives. Concurrent callers share work tile by tile: a caller
/// first solves the tiles nobody has claimed, then waits for the ones another caller is solving. Entries beyond the
/// byte budget are dropped oldest first.
/// </summary>
public sealed class TransferMatrixCache
{
    /// <summary>The default budget: about 1.5 GB, room for the dozen or so designs of one <c>reproduce</c> stage.</summary>
    public const long DefaultBudgetBytes = 1536L << 20;

    private readonly ConcurrentDictionary<TileKey, Lazy<object>> _entries = new();
    private readonly ConcurrentQueue<(TileKey Key, long Bytes)> _order = new();
    private readonly object _evictGate = new();
    private readonly long _budget;
    private long _bytes;
    private long _hits;
    private long _misses;

    /// <summary>Creates an empty cache holding at most about <paramref name="budgetBytes"/> bytes of keys and matrices.</summary>
    public TransferMatrixCache(long budgetBytes = DefaultBudgetBytes)
    {
        if (budgetBytes <= 0) throw new ArgumentOutOfRangeException(nameof(budgetBytes), "the cache budget must be positive");
        _budget = budgetBytes;
    }

    /// <summary>Tile solves answered from the cache (including waits on another caller's solve).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Tile circuits factored and solved.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Bytes held now (keys, matrices and power forms).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Every tile's transfer matrix (rows × physical columns, row-major), as <see cref="TileCircuit.TransferMatrix"/>.</summary>
    /// <remarks>
    /// A tile whose response with power forms is held already takes its transfer matrix from there: both come from the
    /// same factorization and the same unit solves, so the numbers are the same bit for bit.
    /// </remarks>
    public double[][] TransferMatrices(IReadOnlyList<ProgrammedTile> tiles, DeviceSpec spec, int threads) =>
        Solve(tiles, spec, threads, power: false, (tile, s) => TileCircuit.TransferMatrix(tile, s), HeldTransfer, m => 8L * m.Length)
            .Select(o => (double[])o).ToArray();

    /// <summary>Every tile's transfer matrix and power forms, as <see cref="TileCircuit.Response"/>.</summary>
    public CrossbarResponse[] Responses(IReadOnlyList<ProgrammedTile> tiles, DeviceSpec spec, int threads) =>
        Solve(tiles, spec, threads, power: true, (tile, s) => TileCircuit.Response(tile, s), (_, _) => null,
            r => 8L * (r.Transfer.Length + r.Admittance.Length + r.Devices.Length + r.Drivers.Length + r.Terminations.Length))
            .Select(o => (CrossbarResponse)o).ToArray();

    private double[]? HeldTransfer(ProgrammedTile tile, DeviceSpec spec) =>
        _entries.TryGetValue(TileKey.Of(tile, spec, power: true), out var held) && held.IsValueCreated
            ? TileCircuit.Flatten(((CrossbarResponse)held.Value).Transfer)
            : null;

    private object[] Solve<T>(IReadOnlyList<ProgrammedTile> tiles, DeviceSpec spec, int threads, bool power,
        Func<ProgrammedTile, DeviceSpec, T> solve, Func<ProgrammedTile, DeviceSpec, T?> held, Func<T, long> size) where T : class
    {
        ArgumentNullException.ThrowIfNull(tiles);
        ArgumentNullException.ThrowIfNull(spec);
        var keys = new TileKey[tiles.Count];
        var results = new object[tiles.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        // First the tiles nobody has claimed (ours to solve), then the ones another caller is solving (wait for them).
        Parallel.For(0, tiles.Count, options, t =>
        {
            keys[t] = TileKey.Of(tiles[t], spec, power);
            var mine = new Lazy<object>(() =>
            {
                if (held(tiles[t], spec) is { } found)
                {
                    Interlocked.Increment(ref _hits);
                    return found;
                }
                Interlocked.Increment(ref _misses);
                return solve(tiles[t], spec);
            }, LazyThreadSafetyMode.ExecutionAndPublication);
            if (_entries.TryAdd(keys[t], mine))
            {
                try
                {
                    results[t] = mine.Value;
                }
                catch
                {
                    _entries.TryRemove(keys[t], out _);
                    throw;
                }
                Admit(keys[t], keys[t].Bytes + size((T)results[t]));
            }
        });
        Parallel.For(0, tiles.Count, options, t =>
        {
            if (results[t] is not null) return;
            Interlocked.Increment(ref _hits);
            // An entry dropped meanwhile is solved again (and not re-admitted: the budget is full).
            results[t] = _entries.TryGetValue(keys[t], out var entry) ? entry.Value : solve(tiles[t], spec);
        });
        return results;
    }

    private void Admit(TileKey key, long bytes)
    {
        _order.Enqueue((key, bytes));
        if (Interlocked.Add(ref _bytes, bytes) <= _budget) return;
        lock (_evictGate)
        {
            while (Interlocked.Read(ref _bytes) > _budget && _order.TryDequeue(out var old))
            {
                _entries.TryRemove(old.Key, out _);
                Interlocked.Add(ref _bytes, -old.Bytes);
            }
        }
    }
}

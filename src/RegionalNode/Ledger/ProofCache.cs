using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Caching.Memory;
using Regional.LicenseVerifier.StatusMap;
using Regional.V1;

namespace Regional.Node.Ledger;

/// <summary>A licence's proof parts as of one checkpoint: its document entry (parsed), its bundle, and the
/// time its status proof speaks for. Immutable: never change a cached instance.</summary>
internal sealed record ProvenLicense(LedgerEntry Document, ProofBundle Bundle, Timestamp StatusAsOf);

/// <summary>
/// Proof parts that never change once built, kept for calls that ask again: a licence's bundle against one
/// checkpoint, and a checkpoint's status-root entry with its inclusion proof (shared by every licence proved
/// against it). Everything that decides a cached value is in its key: the log, the checkpoint's size and note
/// (its cosignatures), the licence's document leaf and its status entries. A new status entry therefore makes
/// a new key: a revoked licence is never answered from the bundle of its active days. The row's status itself
/// is read on every call, never cached.
/// </summary>
/// <remarks>Bounded by count (<see cref="Capacity"/> entries, a few KB each); least recently used go first.
/// Thread-safe.</remarks>
internal sealed class ProofCache : IDisposable
{
    /// <summary>Entries kept: about 10 MB of bundles at ~2.5 KB each.</summary>
    public const int Capacity = 4_096;

    /// <summary>Status map levels kept per checkpoint: the positions every path crosses. 2^10 = 1,024 interior nodes
    /// at most per checkpoint, which leaves about log2(n) - 10 levels to read per path (11 at a million licences).</summary>
    public const int MapLevels = 10;

    /// <summary>Map node pairs kept across checkpoints (~150 bytes each).</summary>
    public const int MapCapacity = 16_384;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Capacity, CompactionPercentage = 0.25 });
    private readonly MemoryCache _map = new(new MemoryCacheOptions { SizeLimit = MapCapacity, CompactionPercentage = 0.25 });

    /// <summary>A licence's proof parts against a checkpoint, built by <paramref name="build"/> on a miss.</summary>
    public ProvenLicense Licence(long logId, ulong size, string note, ulong documentLeaf, IReadOnlyList<ulong> statusLeaves, Func<ProvenLicense> build)
    {
        var key = new LicenceKey(logId, size, note, documentLeaf, statusLeaves.Count, statusLeaves.Count > 0 ? statusLeaves[^1] : 0);
        return Get(key, build);
    }

    /// <summary>A checkpoint's status-root entry with its inclusion proof.</summary>
    public EntryInclusion StatusRoot(long logId, ulong size, Func<EntryInclusion> build) => Get(new RootKey(logId, size), build);

    /// <summary>One version of a log's status map with its upper <see cref="MapLevels"/> levels read through the cache.</summary>
    public IStatusMapSource StatusMap(long logId, ulong size, IStatusMapSource stored) => new UpperLevels(this, logId, size, stored);

    private T Get<T>(object key, Func<T> build) where T : class => Get(_cache, key, build);

    private static T Get<T>(MemoryCache cache, object key, Func<T> build) where T : class
    {
        if (cache.TryGetValue(key, out T? found))
        {
            return found!;
        }
        var value = build();
        cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1 });
        return value;
    }

    public void Dispose()
    {
        _cache.Dispose();
        _map.Dispose();
    }

    /// <summary>Reads the upper levels of one map version from the cache, the rest from storage. A position above
    /// <see cref="MapLevels"/> has a prefix of at most 10 bits, so (depth, first two bytes) names it.</summary>
    private sealed class UpperLevels(ProofCache owner, long logId, ulong size, IStatusMapSource stored) : IStatusMapSource
    {
        public MapNode? Find(MapPosition position) => position.Depth != 0 ? stored.Find(position)
            : Get(owner._map, new MapKey(logId, size, -1, 0), () => new MapNodes(stored.Find(position), null)).Left;

        public (MapNode? Left, MapNode? Right) FindChildren(MapPosition parent)
        {
            if (parent.Depth >= MapLevels)
            {
                return stored.FindChildren(parent);
            }
            var prefix = parent.Prefix.Span;
            var found = Get(owner._map, new MapKey(logId, size, parent.Depth, prefix[0] << 8 | prefix[1]), () =>
            {
                var (left, right) = stored.FindChildren(parent);
                return new MapNodes(left, right);
            });
            return (found.Left, found.Right);
        }
    }

    private sealed record MapNodes(MapNode? Left, MapNode? Right);

    /// <summary>Depth -1: the root itself; otherwise the children of the position.</summary>
    private readonly record struct MapKey(long LogId, ulong Size, int Depth, int Prefix);

    /// <summary>The status entries are named by their count and the last one: they only grow, in leaf order.</summary>
    private sealed record LicenceKey(long LogId, ulong Size, string Note, ulong DocumentLeaf, int StatusCount, ulong LastStatusLeaf);

    private sealed record RootKey(long LogId, ulong Size);
}

using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Merkle;

namespace Regional.LicenseVerifier.Tests.Merkle;

/// <summary>
/// Complete nodes in a dictionary, filled by <see cref="CompactRange.Append"/> callbacks as storage
/// would be, counting reads. Keeps the root of every size for the property tests.
/// </summary>
internal sealed class MemoryNodeSource : ITreeNodeSource
{
    private readonly Dictionary<NodeId, byte[]> _nodes = [];
    private readonly List<byte[]> _roots = [];

    private MemoryNodeSource(Suite suite)
    {
        Range = CompactRange.Empty(suite);
        _roots.Add(Range.Root());
    }

    public CompactRange Range { get; private set; }

    public int Calls { get; private set; }

    public int NodesRead { get; private set; }

    public int Count => _nodes.Count;

    public IReadOnlyDictionary<NodeId, byte[]> Nodes => _nodes;

    public static MemoryNodeSource Build(Suite suite, IEnumerable<byte[]> leafHashes)
    {
        var source = new MemoryNodeSource(suite);
        foreach (var leafHash in leafHashes)
        {
            source.Range = source.Range.Append(leafHash, source._nodes.Add);
            source._roots.Add(source.Range.Root());
        }
        return source;
    }

    public static MemoryNodeSource Random(Suite suite, int size, int seed)
    {
        var random = new Random(seed);
        return Build(suite, Enumerable.Range(0, size).Select(index =>
        {
            // Distinct entries, so that no two leaves share a hash by accident.
            var entry = new byte[8 + random.Next(0, 40)];
            random.NextBytes(entry);
            BitConverter.TryWriteBytes(entry, (long)index);
            return suite.HashLeaf(entry);
        }));
    }

    /// <summary>The root of the tree of the first size leaves, as appended.</summary>
    public byte[] RootAt(ulong size) => _roots[checked((int)size)];

    public byte[] LeafHash(ulong index) => _nodes[new NodeId(0, index)];

    public IReadOnlyList<byte[]> GetNodes(IReadOnlyList<NodeId> ids)
    {
        Calls++;
        NodesRead += ids.Count;
        return ids.Select(id => _nodes[id]).ToList();
    }

    public void ResetCounts() => (Calls, NodesRead) = (0, 0);
}

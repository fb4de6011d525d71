using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Merkle;

namespace Regional.Vectors;

/// <summary>A log's Merkle tree in memory: leaves appended through a <see cref="CompactRange"/>, every
/// completed node kept for <see cref="ProofBuilder"/>.</summary>
internal sealed class MemoryTree(Suite suite) : ITreeNodeSource
{
    private readonly Dictionary<NodeId, byte[]> _nodes = [];
    private readonly List<byte[]> _leaves = [];
    private CompactRange _range = CompactRange.Empty(suite);

    public ulong Size => _range.Size;

    public byte[] Root() => _range.Root();

    /// <summary>The exact bytes of a leaf.</summary>
    public byte[] Leaf(ulong index) => _leaves[checked((int)index)];

    /// <summary>Appends a leaf's bytes; returns its index.</summary>
    public ulong Append(byte[] bytes)
    {
        var index = _range.Size;
        _range = _range.Append(suite.HashLeaf(bytes), (id, hash) => _nodes.Add(id, hash));
        _leaves.Add(bytes);
        return index;
    }

    public byte[] RootAt(ulong size) => ProofBuilder.Root(suite, this, size);

    public byte[][] Inclusion(ulong index, ulong size) => ProofBuilder.Inclusion(suite, this, index, size);

    public byte[][] Consistency(ulong size1, ulong size2) => ProofBuilder.Consistency(suite, this, size1, size2);

    public IReadOnlyList<byte[]> GetNodes(IReadOnlyList<NodeId> ids) => [.. ids.Select(id => _nodes[id])];
}

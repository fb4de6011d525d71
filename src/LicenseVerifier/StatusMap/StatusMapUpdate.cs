using Regional.LicenseVerifier.Crypto;

namespace Regional.LicenseVerifier.StatusMap;

/// <summary>
/// Changes to one version of a status map, giving the next version: set keys, then
/// <see cref="Commit"/> for the new root and the nodes to store. The map is a sparse Merkle tree
/// in which every subtree holding one key is that key's leaf, so its shape depends on the set of
/// keys alone (not the order they came in) and a path is about log2(n) long.
/// </summary>
/// <remarks>Cost: for k keys, O(k log n) node reads from the source (each read once) and hashes; memory
/// O(k log n). Not thread-safe; one update per block.</remarks>
public sealed class StatusMapUpdate(Suite suite, IStatusMapSource source)
{
    private static readonly byte[] EmptyHash = new byte[Suite.HashSize];

    private readonly Dictionary<string, MapNode?> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MapPosition> _changed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MapPosition> _interior = new(StringComparer.Ordinal);

    /// <summary>How many keys were set.</summary>
    public int Sets { get; private set; }

    /// <summary>The value a key has in this update (its latest <see cref="Set"/>, else the source's), or null.</summary>
    public byte[]? Get(ReadOnlySpan<byte> key)
    {
        var position = MapPosition.Root;
        while (Load(position) is { } node)
        {
            if (node.IsLeaf)
            {
                return node.LeafKey.AsSpan().SequenceEqual(key) ? node.LeafValue : null;
            }
            LoadChildren(position);
            position = position.Child(StatusMapHashing.Bit(key, position.Depth));
        }
        return null;
    }

    /// <summary>Sets a key's value (canonical <see cref="V1.StatusMapEntry"/> bytes).</summary>
    public void Set(byte[] key, byte[] value)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(key.Length, Suite.HashSize, nameof(key));
        Sets++;
        var leaf = new MapNode(StatusMapHashing.LeafHash(suite, key, StatusMapHashing.ValueHash(suite, value)), key, value);
        var position = MapPosition.Root;
        while (true)
        {
            var node = Load(position);
            if (node is null || (node.IsLeaf && node.LeafKey.AsSpan().SequenceEqual(key)))
            {
                Put(position, leaf);
                return;
            }
            if (node.IsLeaf)
            {
                Split(position, node, leaf);
                return;
            }
            MarkInterior(position);
            LoadChildren(position); // the sibling is needed for the hash anyway: one read for both
            position = position.Child(StatusMapHashing.Bit(key, position.Depth));
        }
    }

    /// <summary>The new root (32 zero bytes for an empty map) and every node that changed, to store
    /// as the next version.</summary>
    public (byte[] Root, IReadOnlyList<(MapPosition Position, MapNode Node)> Changed) Commit()
    {
        foreach (var position in _interior.Values.OrderByDescending(p => p.Depth))
        {
            var left = Load(position.Child(0))?.Hash ?? EmptyHash;
            var right = Load(position.Child(1))?.Hash ?? EmptyHash;
            Put(position, new MapNode(StatusMapHashing.NodeHash(suite, left, right)));
        }
        _interior.Clear();
        var changed = _changed.Values.OrderBy(p => p.Depth).Select(p => (p, _nodes[p.ToString()]!)).ToList();
        return (Load(MapPosition.Root)?.Hash ?? EmptyHash, changed);
    }

    /// <summary>A leaf arrives where another one is: the position becomes interior, and so does every
    /// position below it on both keys' common path, until they part.</summary>
    private void Split(MapPosition position, MapNode other, MapNode leaf)
    {
        var key = leaf.LeafKey!;
        var otherKey = other.LeafKey!;
        while (true)
        {
            MarkInterior(position);
            var mine = StatusMapHashing.Bit(key, position.Depth);
            var theirs = StatusMapHashing.Bit(otherKey, position.Depth);
            if (mine == theirs)
            {
                // Below a leaf nothing is stored: the side the two keys leave is empty, no read needed.
                _nodes.TryAdd(position.Child(1 - mine).ToString(), null);
                position = position.Child(mine);
                continue;
            }
            Put(position.Child(mine), leaf);
            Put(position.Child(theirs), other);
            return;
        }
    }

    /// <summary>Reads both children of an interior node at once, unless both are known already.</summary>
    private void LoadChildren(MapPosition parent)
    {
        var (left, right) = (parent.Child(0), parent.Child(1));
        var (leftName, rightName) = (left.ToString(), right.ToString());
        if (_nodes.ContainsKey(leftName) && _nodes.ContainsKey(rightName))
        {
            return;
        }
        var (l, r) = source.FindChildren(parent);
        _nodes.TryAdd(leftName, l);
        _nodes.TryAdd(rightName, r);
    }

    private MapNode? Load(MapPosition position)
    {
        var name = position.ToString();
        if (!_nodes.TryGetValue(name, out var node))
        {
            node = source.Find(position);
            _nodes[name] = node;
        }
        return node;
    }

    private void Put(MapPosition position, MapNode node)
    {
        var name = position.ToString();
        _nodes[name] = node;
        _changed[name] = position;
    }

    private void MarkInterior(MapPosition position)
    {
        var name = position.ToString();
        if (_interior.TryAdd(name, position) && Load(position) is not { IsLeaf: false })
        {
            // A placeholder until Commit hashes it: it has two keys below it from now on.
            Put(position, new MapNode(EmptyHash));
        }
    }
}

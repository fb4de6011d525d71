using Regional.LicenseVerifier.StatusMap;

namespace Regional.Node.Ledger;

/// <summary>
/// The upper levels of one log's newest status map, kept in memory by the log's only writer (the block sealer, or
/// a mirror's follower): each block's update reads every key's path from the root, and the upper levels are the
/// same for every key, so reading them from storage again for each licence was a third of sealing's work (profile
/// in docs/benchmarks.md, issue 15). Positions never empty again once written (keys are never removed), so a
/// position is either known with its node, known empty, or not cached.
/// </summary>
/// <remarks>Not thread-safe: one writer per log. <see cref="Source"/> before the block, <see cref="Committed"/>
/// once its transaction committed, <see cref="Forget"/> when it did not: the cache then matches storage again.</remarks>
internal sealed class LatestStatusMap
{
    /// <summary>Levels kept: 2^16 positions at most, about 10 MB at a few million licences.</summary>
    public const int Levels = 16;

    private readonly Dictionary<string, MapNode?> _nodes = new(StringComparer.Ordinal);
    private ulong _size = ulong.MaxValue;

    /// <summary>The map as of <paramref name="size"/>, its upper levels from memory, the rest from <paramref name="stored"/>.</summary>
    public IStatusMapSource Source(ulong size, IStatusMapSource stored)
    {
        if (size != _size)
        {
            Forget(); // another version than the one cached: start over
            _size = size;
        }
        return new Cached(this, stored);
    }

    /// <summary>The block that changed <paramref name="changed"/> committed: the map is now as of <paramref name="size"/>.</summary>
    public void Committed(ulong size, IEnumerable<(MapPosition Position, MapNode Node)> changed)
    {
        foreach (var (position, node) in changed)
        {
            if (position.Depth <= Levels)
            {
                _nodes[position.ToString()] = node;
            }
        }
        _size = size;
    }

    /// <summary>The block did not commit (or the log moved another way): nothing cached can be trusted.</summary>
    public void Forget()
    {
        _nodes.Clear();
        _size = ulong.MaxValue;
    }

    private sealed class Cached(LatestStatusMap owner, IStatusMapSource stored) : IStatusMapSource
    {
        public MapNode? Find(MapPosition position)
        {
            if (position.Depth > Levels)
            {
                return stored.Find(position);
            }
            var key = position.ToString();
            if (!owner._nodes.TryGetValue(key, out var node))
            {
                node = stored.Find(position);
                owner._nodes[key] = node;
            }
            return node;
        }

        public (MapNode? Left, MapNode? Right) FindChildren(MapPosition parent)
        {
            if (parent.Depth + 1 > Levels)
            {
                return stored.FindChildren(parent);
            }
            var (left, right) = (parent.Child(0), parent.Child(1));
            var (leftKey, rightKey) = (left.ToString(), right.ToString());
            if (owner._nodes.TryGetValue(leftKey, out var leftNode) && owner._nodes.TryGetValue(rightKey, out var rightNode))
            {
                return (leftNode, rightNode);
            }
            (leftNode, rightNode) = stored.FindChildren(parent);
            owner._nodes[leftKey] = leftNode;
            owner._nodes[rightKey] = rightNode;
            return (leftNode, rightNode);
        }
    }
}

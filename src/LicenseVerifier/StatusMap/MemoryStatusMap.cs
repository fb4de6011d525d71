namespace Regional.LicenseVerifier.StatusMap;

/// <summary>A status map held in memory, latest version only: for tests, tools and small maps.</summary>
/// <remarks>Not thread-safe.</remarks>
public sealed class MemoryStatusMap : IStatusMapSource
{
    private readonly Dictionary<string, MapNode> _nodes = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public MapNode? Find(MapPosition position) => _nodes.GetValueOrDefault(position.ToString());

    /// <summary>Stores the nodes an update changed.</summary>
    public void Store(IEnumerable<(MapPosition Position, MapNode Node)> changed)
    {
        foreach (var (position, node) in changed)
        {
            _nodes[position.ToString()] = node;
        }
    }

    /// <summary>How many nodes the map holds.</summary>
    public int Count => _nodes.Count;
}

using Regional.LicenseVerifier.StatusMap;

namespace Regional.Node.Storage.Ledger;

/// <summary>
/// The licence status map of every log the node holds (docs/status-proofs.md): its nodes, each version
/// stored under the tree size of the block that wrote it. Reading a position as of a size gives the
/// newest version at or below it, so a proof can be built against any checkpoint.
/// </summary>
internal interface IStatusMapStore
{
    /// <summary>The node at a position as of a tree size, or null (an empty subtree).</summary>
    MapNode? FindMapNode(long logId, MapPosition position, ulong asOfSize);

    /// <summary>Both children of a position as of a tree size, in one read.</summary>
    (MapNode? Left, MapNode? Right) FindMapChildren(long logId, MapPosition parent, ulong asOfSize);

    /// <summary>Stores the nodes a block changed, as the map's version at the block's tree size.</summary>
    void InsertMapNodes(long logId, ulong treeSize, IReadOnlyList<(MapPosition Position, MapNode Node)> nodes);

    /// <summary>How many node versions a log's map holds (for status and tests).</summary>
    long CountMapNodes(long logId);
}

/// <summary>One version of a log's status map, read from storage.</summary>
internal sealed class StoredStatusMap(IStatusMapStore store, long logId, ulong asOfSize) : IStatusMapSource
{
    public MapNode? Find(MapPosition position) => store.FindMapNode(logId, position, asOfSize);

    public (MapNode? Left, MapNode? Right) FindChildren(MapPosition parent) => store.FindMapChildren(logId, parent, asOfSize);
}

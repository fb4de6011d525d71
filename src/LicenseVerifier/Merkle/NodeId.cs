namespace Regional.LicenseVerifier.Merkle;

/// <summary>
/// A complete (perfect) subtree of the log's Merkle tree: node (<paramref name="Level"/>,
/// <paramref name="Index"/>) covers the leaves [Index &lt;&lt; Level, (Index + 1) &lt;&lt; Level).
/// Level 0 is a leaf hash; level L holds 2^L leaves.
/// </summary>
/// <remarks>
/// Only complete nodes have ids: the hash of a node never changes once all its leaves exist, so
/// storage can keep it forever. Incomplete right-border subtrees are recomputed from complete
/// nodes when a proof needs them.
/// </remarks>
/// <param name="Level">Height above the leaves, 0 to 63.</param>
/// <param name="Index">Position of the node among the nodes of its level, from the left.</param>
public readonly record struct NodeId(int Level, ulong Index)
{
    /// <inheritdoc/>
    public override string ToString() => $"({Level}, {Index})";
}

namespace Regional.Node.Storage.Federation;

/// <summary>The checkpoint this node's witness last cosigned for an origin: the size old_size must name,
/// the root every later checkpoint must extend, and the signed note kept as evidence.</summary>
internal sealed record WitnessedCheckpoint(string Origin, ulong TreeSize, byte[] RootHash, string Note, DateTimeOffset UpdatedAt);

/// <summary>
/// Witnessing, both ways. The cosignatures collected for a log's checkpoints, one per (log, tree size,
/// witness): only cosignatures that count for the log are stored (another region's witness key, checked
/// before storing), so counting rows is counting toward the quorum. And, per origin this node witnesses,
/// the checkpoint it last cosigned.
/// </summary>
internal interface ICosignatureStore
{
    /// <summary>Stores a cosignature line; a later cosignature by the same witness replaces an earlier one.</summary>
    void Add(long logId, ulong treeSize, string witness, string line, DateTimeOffset cosignedAt);

    /// <summary>The cosignature lines of a log's checkpoint at a tree size, by witness name.</summary>
    IReadOnlyList<string> Lines(long logId, ulong treeSize);

    /// <summary>The largest tree size in [atLeast, atMost] cosigned by at least quorum witnesses, or null.</summary>
    ulong? LatestWithQuorum(long logId, ulong atLeast, ulong atMost, int quorum);

    /// <summary>The largest tree size a witness has cosigned for a log, or null.</summary>
    ulong? LatestBy(long logId, string witness);

    /// <summary>How many cosignatures each witness gave a log's checkpoints.</summary>
    IReadOnlyList<(string Witness, long Count)> CountByWitness(long logId);

    /// <summary>The checkpoint this node's witness last cosigned for the origin, or null.</summary>
    WitnessedCheckpoint? Witnessed(string origin);

    /// <summary>Replaces the origin's last cosigned checkpoint.</summary>
    void SaveWitnessed(WitnessedCheckpoint witnessed);
}

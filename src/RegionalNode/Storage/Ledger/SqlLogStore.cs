using System.Globalization;
using System.Data.Common;
using Regional.LicenseVerifier.Merkle;

namespace Regional.Node.Storage.Ledger;

/// <summary>The log tables (logs, entries, tree_nodes, blocks; key rotations in counters), SQLite and PostgreSQL
/// alike. Part of each engine's session (see <see cref="ISqlStore"/>).</summary>
internal interface ISqlLogStore : ILogStore, ISqlStore
{
    /// <summary>Key rotations are indexed in <c>counters</c> as "key_rotation/&lt;log id&gt;/&lt;leaf, 20 digits&gt;" =
    /// the tree size of the rotation's block: a range of names is one log's rotations, in leaf order.</summary>
    private const string RotationPrefix = "key_rotation/";

    long ILogStore.EnsureLog(string origin, string region, bool isOwn)
    {
        var insert = Prepared("""
            INSERT INTO logs (origin, region, is_own) VALUES (@origin, @region, @own)
            ON CONFLICT (origin) DO NOTHING;
            SELECT log_id FROM logs WHERE origin = @origin;
            """, ("@origin", origin), ("@region", region), ("@own", isOwn ? 1 : 0));
        return (long)insert.ExecuteScalar()!;
    }

    long? ILogStore.FindLog(string origin) =>
        Prepared("SELECT log_id FROM logs WHERE origin = @origin", ("@origin", origin)).ExecuteScalar() is long id ? id : null;

    StoredLog? ILogStore.FindOwnLog()
    {
        var query = Prepared("SELECT log_id, origin, region FROM logs WHERE is_own = 1");
        using var reader = query.ExecuteReader();
        return reader.Read() ? new StoredLog(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)) : null;
    }

    LogHead ILogStore.GetHead(long logId, byte[] emptyRoot)
    {
        var query = Prepared("""
            SELECT height, block_hash, tree_size, root_hash, checkpoint, sealed_at_ms
            FROM blocks WHERE log_id = @log ORDER BY height DESC LIMIT 1
            """, ("@log", logId));
        using var reader = query.ExecuteReader();
        if (!reader.Read())
        {
            return new LogHead(logId, 0, null, new byte[32], emptyRoot, null, null);
        }
        return new LogHead(
            logId,
            (ulong)reader.GetInt64(2),
            (ulong)reader.GetInt64(0),
            (byte[])reader[1],
            (byte[])reader[3],
            reader.GetString(4),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)));
    }

    void ILogStore.InsertEntry(long logId, ulong leafIndex, ulong blockHeight, byte[] entry, byte[] leafHash)
    {
        var insert = Prepared("""
            INSERT INTO entries (log_id, leaf_index, block_height, entry, leaf_hash)
            VALUES (@log, @index, @height, @entry, @hash)
            """,
            ("@log", logId), ("@index", checked((long)leafIndex)), ("@height", checked((long)blockHeight)), ("@entry", entry),
            ("@hash", leafHash));
        insert.ExecuteNonQuery();
    }

    void ILogStore.InsertNode(long logId, NodeId id, byte[] hash)
    {
        var insert = Prepared("INSERT INTO tree_nodes (log_id, level, node_index, hash) VALUES (@log, @level, @index, @hash)",
            ("@log", logId), ("@level", id.Level), ("@index", checked((long)id.Index)), ("@hash", hash));
        insert.ExecuteNonQuery();
    }

    void ILogStore.InsertBlock(long logId, StoredBlock block, byte[] blockHash)
    {
        var insert = Prepared("""
            INSERT INTO blocks (log_id, height, header, block_hash, first_leaf, leaf_count, tree_size, root_hash, sealed_at_ms, checkpoint)
            VALUES (@log, @height, @header, @hash, @first, @count, @size, @root, @sealed, @checkpoint)
            """,
            ("@log", logId), ("@height", checked((long)block.Height)), ("@header", block.Header), ("@hash", blockHash),
            ("@first", checked((long)block.FirstLeaf)), ("@count", checked((long)block.LeafCount)),
            ("@size", checked((long)block.TreeSize)), ("@root", block.RootHash),
            ("@sealed", block.SealedAt.ToUnixTimeMilliseconds()), ("@checkpoint", block.Checkpoint));
        insert.ExecuteNonQuery();
    }

    byte[]? ILogStore.GetEntry(long logId, ulong leafIndex)
    {
        var query = Prepared("SELECT entry FROM entries WHERE log_id = @log AND leaf_index = @index",
            ("@log", logId), ("@index", checked((long)leafIndex)));
        return query.ExecuteScalar() as byte[];
    }

    ulong? ILogStore.GetEntryBlock(long logId, ulong leafIndex)
    {
        var query = Prepared("SELECT block_height FROM entries WHERE log_id = @log AND leaf_index = @index",
            ("@log", logId), ("@index", checked((long)leafIndex)));
        return query.ExecuteScalar() is long h ? (ulong)h : null;
    }

    ulong? ILogStore.FindLeafByHash(long logId, byte[] leafHash)
    {
        var query = Prepared("SELECT leaf_index FROM entries WHERE log_id = @log AND leaf_hash = @hash ORDER BY leaf_index LIMIT 1",
            ("@log", logId), ("@hash", leafHash));
        return query.ExecuteScalar() is long index ? (ulong)index : null;
    }

    IReadOnlyList<StoredBlock> ILogStore.GetBlocks(long logId, ulong fromHeight, int limit)
    {
        var query = Prepared("""
            SELECT height, header, first_leaf, leaf_count, tree_size, root_hash, sealed_at_ms, checkpoint
            FROM blocks WHERE log_id = @log AND height >= @from ORDER BY height LIMIT @limit
            """, ("@log", logId), ("@from", checked((long)fromHeight)), ("@limit", limit));
        using var reader = query.ExecuteReader();
        var blocks = new List<StoredBlock>();
        while (reader.Read())
        {
            blocks.Add(ReadBlock(reader));
        }
        return blocks;
    }

    StoredBlock? ILogStore.GetBlockBySize(long logId, ulong treeSize)
    {
        var query = Prepared("""
            SELECT height, header, first_leaf, leaf_count, tree_size, root_hash, sealed_at_ms, checkpoint
            FROM blocks WHERE log_id = @log AND tree_size = @size
            """, ("@log", logId), ("@size", checked((long)treeSize)));
        using var reader = query.ExecuteReader();
        return reader.Read() ? ReadBlock(reader) : null;
    }

    IReadOnlyList<byte[]> ILogStore.GetEntries(long logId, ulong first, ulong count)
    {
        var query = Prepared("SELECT entry FROM entries WHERE log_id = @log AND leaf_index >= @first AND leaf_index < @end ORDER BY leaf_index",
            ("@log", logId), ("@first", checked((long)first)), ("@end", checked((long)(first + count))));
        using var reader = query.ExecuteReader();
        var entries = new List<byte[]>();
        while (reader.Read())
        {
            entries.Add((byte[])reader[0]);
        }
        return entries;
    }

    ITreeNodeSource ILogStore.TreeNodes(long logId) => new SqlTreeNodes(this, logId);

    void ILogStore.RecordKeyRotation(long logId, ulong leafIndex, ulong lastTreeSize)
    {
        var insert = Prepared("INSERT INTO counters (name, value) VALUES (@name, @size)",
            ("@name", string.Create(CultureInfo.InvariantCulture, $"{RotationPrefix}{logId}/{leafIndex:D20}")),
            ("@size", checked((long)lastTreeSize)));
        insert.ExecuteNonQuery();
    }

    IReadOnlyList<(ulong LeafIndex, ulong LastTreeSize)> ILogStore.KeyRotations(long logId)
    {
        var query = Prepared("SELECT name, value FROM counters WHERE name >= @from AND name < @to ORDER BY name",
            ("@from", $"{RotationPrefix}{logId}/"), ("@to", $"{RotationPrefix}{logId}0"));
        using var reader = query.ExecuteReader();
        var rotations = new List<(ulong, ulong)>();
        while (reader.Read())
        {
            var name = reader.GetString(0);
            rotations.Add((ulong.Parse(name.AsSpan(name.LastIndexOf('/') + 1), CultureInfo.InvariantCulture), (ulong)reader.GetInt64(1)));
        }
        return rotations;
    }

    private static StoredBlock ReadBlock(DbDataReader reader) => new(
        (ulong)reader.GetInt64(0),
        (byte[])reader[1],
        (ulong)reader.GetInt64(2),
        (ulong)reader.GetInt64(3),
        (ulong)reader.GetInt64(4),
        (byte[])reader[5],
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
        reader.GetString(7));
}

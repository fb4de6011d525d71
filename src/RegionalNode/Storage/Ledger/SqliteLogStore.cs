using System.Globalization;
using Microsoft.Data.Sqlite;
using Regional.LicenseVerifier.Merkle;

namespace Regional.Node.Storage.Ledger;

/// <summary>The log tables in SQLite (logs, entries, tree_nodes, blocks; key rotations in counters).
/// Part of <see cref="SqliteSession"/> (see <see cref="ISqliteStore"/>).</summary>
internal interface ISqliteLogStore : ILogStore, ISqliteStore
{
    /// <summary>Key rotations are indexed in <c>counters</c> as "key_rotation/&lt;log id&gt;/&lt;leaf, 20 digits&gt;" =
    /// the tree size of the rotation's block: a range of names is one log's rotations, in leaf order.</summary>
    private const string RotationPrefix = "key_rotation/";

    long ILogStore.EnsureLog(string origin, string region, bool isOwn)
    {
        using var insert = Connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO logs (origin, region, is_own) VALUES ($origin, $region, $own)
            ON CONFLICT (origin) DO NOTHING;
            SELECT log_id FROM logs WHERE origin = $origin;
            """;
        insert.Parameters.AddWithValue("$origin", origin);
        insert.Parameters.AddWithValue("$region", region);
        insert.Parameters.AddWithValue("$own", isOwn ? 1 : 0);
        return (long)insert.ExecuteScalar()!;
    }

    StoredLog? ILogStore.FindOwnLog()
    {
        using var query = Connection.CreateCommand();
        query.CommandText = "SELECT log_id, origin, region FROM logs WHERE is_own = 1";
        using var reader = query.ExecuteReader();
        return reader.Read() ? new StoredLog(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)) : null;
    }

    LogHead ILogStore.GetHead(long logId, byte[] emptyRoot)
    {
        using var query = Connection.CreateCommand();
        query.CommandText = """
            SELECT height, block_hash, tree_size, root_hash, checkpoint, sealed_at_ms
            FROM blocks WHERE log_id = $log ORDER BY height DESC LIMIT 1
            """;
        query.Parameters.AddWithValue("$log", logId);
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
        using var insert = Connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO entries (log_id, leaf_index, block_height, entry, leaf_hash)
            VALUES ($log, $index, $height, $entry, $hash)
            """;
        insert.Parameters.AddWithValue("$log", logId);
        insert.Parameters.AddWithValue("$index", checked((long)leafIndex));
        insert.Parameters.AddWithValue("$height", checked((long)blockHeight));
        insert.Parameters.AddWithValue("$entry", entry);
        insert.Parameters.AddWithValue("$hash", leafHash);
        insert.ExecuteNonQuery();
    }

    void ILogStore.InsertNode(long logId, NodeId id, byte[] hash)
    {
        using var insert = Connection.CreateCommand();
        insert.CommandText = "INSERT INTO tree_nodes (log_id, level, node_index, hash) VALUES ($log, $level, $index, $hash)";
        insert.Parameters.AddWithValue("$log", logId);
        insert.Parameters.AddWithValue("$level", id.Level);
        insert.Parameters.AddWithValue("$index", checked((long)id.Index));
        insert.Parameters.AddWithValue("$hash", hash);
        insert.ExecuteNonQuery();
    }

    void ILogStore.InsertBlock(long logId, StoredBlock block, byte[] blockHash)
    {
        using var insert = Connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO blocks (log_id, height, header, block_hash, first_leaf, leaf_count, tree_size, root_hash, sealed_at_ms, checkpoint)
            VALUES ($log, $height, $header, $hash, $first, $count, $size, $root, $sealed, $checkpoint)
            """;
        insert.Parameters.AddWithValue("$log", logId);
        insert.Parameters.AddWithValue("$height", checked((long)block.Height));
        insert.Parameters.AddWithValue("$header", block.Header);
        insert.Parameters.AddWithValue("$hash", blockHash);
        insert.Parameters.AddWithValue("$first", checked((long)block.FirstLeaf));
        insert.Parameters.AddWithValue("$count", checked((long)block.LeafCount));
        insert.Parameters.AddWithValue("$size", checked((long)block.TreeSize));
        insert.Parameters.AddWithValue("$root", block.RootHash);
        insert.Parameters.AddWithValue("$sealed", block.SealedAt.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$checkpoint", block.Checkpoint);
        insert.ExecuteNonQuery();
    }

    byte[]? ILogStore.GetEntry(long logId, ulong leafIndex)
    {
        using var query = Connection.CreateCommand();
        query.CommandText = "SELECT entry FROM entries WHERE log_id = $log AND leaf_index = $index";
        query.Parameters.AddWithValue("$log", logId);
        query.Parameters.AddWithValue("$index", checked((long)leafIndex));
        return query.ExecuteScalar() as byte[];
    }

    ulong? ILogStore.GetEntryBlock(long logId, ulong leafIndex)
    {
        using var query = Connection.CreateCommand();
        query.CommandText = "SELECT block_height FROM entries WHERE log_id = $log AND leaf_index = $index";
        query.Parameters.AddWithValue("$log", logId);
        query.Parameters.AddWithValue("$index", checked((long)leafIndex));
        return query.ExecuteScalar() is long h ? (ulong)h : null;
    }

    ulong? ILogStore.FindLeafByHash(long logId, byte[] leafHash)
    {
        using var query = Connection.CreateCommand();
        query.CommandText = "SELECT leaf_index FROM entries WHERE log_id = $log AND leaf_hash = $hash ORDER BY leaf_index LIMIT 1";
        query.Parameters.AddWithValue("$log", logId);
        query.Parameters.AddWithValue("$hash", leafHash);
        return query.ExecuteScalar() is long index ? (ulong)index : null;
    }

    IReadOnlyList<StoredBlock> ILogStore.GetBlocks(long logId, ulong fromHeight, int limit)
    {
        using var query = Connection.CreateCommand();
        query.CommandText = """
            SELECT height, header, first_leaf, leaf_count, tree_size, root_hash, sealed_at_ms, checkpoint
            FROM blocks WHERE log_id = $log AND height >= $from ORDER BY height LIMIT $limit
            """;
        query.Parameters.AddWithValue("$log", logId);
        query.Parameters.AddWithValue("$from", checked((long)fromHeight));
        query.Parameters.AddWithValue("$limit", limit);
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
        using var query = Connection.CreateCommand();
        query.CommandText = """
            SELECT height, header, first_leaf, leaf_count, tree_size, root_hash, sealed_at_ms, checkpoint
            FROM blocks WHERE log_id = $log AND tree_size = $size
            """;
        query.Parameters.AddWithValue("$log", logId);
        query.Parameters.AddWithValue("$size", checked((long)treeSize));
        using var reader = query.ExecuteReader();
        return reader.Read() ? ReadBlock(reader) : null;
    }

    IReadOnlyList<byte[]> ILogStore.GetEntries(long logId, ulong first, ulong count)
    {
        using var query = Connection.CreateCommand();
        query.CommandText = "SELECT entry FROM entries WHERE log_id = $log AND leaf_index >= $first AND leaf_index < $end ORDER BY leaf_index";
        query.Parameters.AddWithValue("$log", logId);
        query.Parameters.AddWithValue("$first", checked((long)first));
        query.Parameters.AddWithValue("$end", checked((long)(first + count)));
        using var reader = query.ExecuteReader();
        var entries = new List<byte[]>();
        while (reader.Read())
        {
            entries.Add((byte[])reader[0]);
        }
        return entries;
    }

    ITreeNodeSource ILogStore.TreeNodes(long logId) => new SqliteTreeNodes(Connection, logId);

    void ILogStore.RecordKeyRotation(long logId, ulong leafIndex, ulong lastTreeSize)
    {
        using var insert = Connection.CreateCommand();
        insert.CommandText = "INSERT INTO counters (name, value) VALUES ($name, $size)";
        insert.Parameters.AddWithValue("$name", string.Create(CultureInfo.InvariantCulture, $"{RotationPrefix}{logId}/{leafIndex:D20}"));
        insert.Parameters.AddWithValue("$size", checked((long)lastTreeSize));
        insert.ExecuteNonQuery();
    }

    IReadOnlyList<(ulong LeafIndex, ulong LastTreeSize)> ILogStore.KeyRotations(long logId)
    {
        using var query = Connection.CreateCommand();
        query.CommandText = "SELECT name, value FROM counters WHERE name >= $from AND name < $to ORDER BY name";
        query.Parameters.AddWithValue("$from", $"{RotationPrefix}{logId}/");
        query.Parameters.AddWithValue("$to", $"{RotationPrefix}{logId}0");
        using var reader = query.ExecuteReader();
        var rotations = new List<(ulong, ulong)>();
        while (reader.Read())
        {
            var name = reader.GetString(0);
            rotations.Add((ulong.Parse(name.AsSpan(name.LastIndexOf('/') + 1), CultureInfo.InvariantCulture), (ulong)reader.GetInt64(1)));
        }
        return rotations;
    }

    private static StoredBlock ReadBlock(SqliteDataReader reader) => new(
        (ulong)reader.GetInt64(0),
        (byte[])reader[1],
        (ulong)reader.GetInt64(2),
        (ulong)reader.GetInt64(3),
        (ulong)reader.GetInt64(4),
        (byte[])reader[5],
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
        reader.GetString(7));
}

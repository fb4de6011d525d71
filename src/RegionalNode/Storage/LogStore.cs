using Microsoft.Data.Sqlite;
using Regional.LicenseVerifier.Merkle;

namespace Regional.Node.Storage;

/// <summary>The latest sealed block of a log: what a new block chains to.</summary>
internal sealed record LogHead(
    long LogId,
    ulong TreeSize,
    ulong? Height,
    byte[] LastBlockHash,
    byte[] RootHash,
    string? Checkpoint,
    DateTimeOffset? SealedAt);

/// <summary>A stored block: header bytes as sealed, and its summary columns.</summary>
internal sealed record StoredBlock(
    ulong Height,
    byte[] Header,
    ulong FirstLeaf,
    ulong LeafCount,
    ulong TreeSize,
    byte[] RootHash,
    DateTimeOffset SealedAt,
    string Checkpoint);

/// <summary>Queries over the log tables (entries, tree nodes, blocks). Every method takes the
/// connection (and transaction) to run on, so the writer and readers choose their isolation.</summary>
internal static class LogStore
{
    public static long EnsureLog(SqliteConnection connection, string origin, string region, bool isOwn)
    {
        using var insert = connection.CreateCommand();
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

    public static LogHead GetHead(SqliteConnection connection, long logId, byte[] emptyRoot)
    {
        using var query = connection.CreateCommand();
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

    public static void InsertEntry(SqliteConnection connection, long logId, ulong leafIndex, ulong blockHeight, byte[] entry, byte[] leafHash)
    {
        using var insert = connection.CreateCommand();
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

    public static void InsertNode(SqliteConnection connection, long logId, NodeId id, byte[] hash)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO tree_nodes (log_id, level, node_index, hash) VALUES ($log, $level, $index, $hash)";
        insert.Parameters.AddWithValue("$log", logId);
        insert.Parameters.AddWithValue("$level", id.Level);
        insert.Parameters.AddWithValue("$index", checked((long)id.Index));
        insert.Parameters.AddWithValue("$hash", hash);
        insert.ExecuteNonQuery();
    }

    public static void InsertBlock(SqliteConnection connection, long logId, StoredBlock block, byte[] blockHash)
    {
        using var insert = connection.CreateCommand();
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

    public static byte[]? GetEntry(SqliteConnection connection, long logId, ulong leafIndex)
    {
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT entry FROM entries WHERE log_id = $log AND leaf_index = $index";
        query.Parameters.AddWithValue("$log", logId);
        query.Parameters.AddWithValue("$index", checked((long)leafIndex));
        return query.ExecuteScalar() as byte[];
    }

    /// <summary>The block height that holds a leaf, or null.</summary>
    public static ulong? GetEntryBlock(SqliteConnection connection, long logId, ulong leafIndex)
    {
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT block_height FROM entries WHERE log_id = $log AND leaf_index = $index";
        query.Parameters.AddWithValue("$log", logId);
        query.Parameters.AddWithValue("$index", checked((long)leafIndex));
        return query.ExecuteScalar() is long h ? (ulong)h : null;
    }

    public static ulong? FindLeafByHash(SqliteConnection connection, long logId, byte[] leafHash)
    {
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT leaf_index FROM entries WHERE log_id = $log AND leaf_hash = $hash ORDER BY leaf_index LIMIT 1";
        query.Parameters.AddWithValue("$log", logId);
        query.Parameters.AddWithValue("$hash", leafHash);
        return query.ExecuteScalar() is long index ? (ulong)index : null;
    }

    /// <summary>Blocks from a height, in order, at most <paramref name="limit"/> of them.</summary>
    public static List<StoredBlock> GetBlocks(SqliteConnection connection, long logId, ulong fromHeight, int limit)
    {
        using var query = connection.CreateCommand();
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

    /// <summary>The block whose tree size is exactly <paramref name="treeSize"/>, or null.</summary>
    public static StoredBlock? GetBlockBySize(SqliteConnection connection, long logId, ulong treeSize)
    {
        using var query = connection.CreateCommand();
        query.CommandText = """
            SELECT height, header, first_leaf, leaf_count, tree_size, root_hash, sealed_at_ms, checkpoint
            FROM blocks WHERE log_id = $log AND tree_size = $size
            """;
        query.Parameters.AddWithValue("$log", logId);
        query.Parameters.AddWithValue("$size", checked((long)treeSize));
        using var reader = query.ExecuteReader();
        return reader.Read() ? ReadBlock(reader) : null;
    }

    /// <summary>The entries of leaves [first, first + count), in order.</summary>
    public static List<byte[]> GetEntries(SqliteConnection connection, long logId, ulong first, ulong count)
    {
        using var query = connection.CreateCommand();
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

using Microsoft.Data.Sqlite;

namespace Regional.Node.Federation.Witnessing;

/// <summary>
/// The cosignatures table: verified witness cosignatures of a log's checkpoints, one per
/// (log, tree size, witness). Only cosignatures that count for the log are stored (another
/// region's witness key, checked before storing), so counting rows is counting toward the quorum.
/// </summary>
internal static class CosignatureStore
{
    /// <summary>Stores a cosignature line; a later cosignature by the same witness replaces an earlier one.</summary>
    public static void Add(SqliteConnection connection, long logId, ulong treeSize, string witness, string line, DateTimeOffset cosignedAt)
    {
        using var upsert = connection.CreateCommand();
        upsert.CommandText = """
            INSERT INTO cosignatures (log_id, tree_size, witness, line, cosigned_at_ms)
            VALUES ($log, $size, $witness, $line, $at)
            ON CONFLICT (log_id, tree_size, witness) DO UPDATE SET line = excluded.line, cosigned_at_ms = excluded.cosigned_at_ms
                WHERE excluded.cosigned_at_ms >= cosignatures.cosigned_at_ms
            """;
        upsert.Parameters.AddWithValue("$log", logId);
        upsert.Parameters.AddWithValue("$size", checked((long)treeSize));
        upsert.Parameters.AddWithValue("$witness", witness);
        upsert.Parameters.AddWithValue("$line", line);
        upsert.Parameters.AddWithValue("$at", cosignedAt.ToUnixTimeMilliseconds());
        upsert.ExecuteNonQuery();
    }

    /// <summary>The cosignature lines of a log's checkpoint at a tree size, by witness name.</summary>
    public static List<string> Lines(SqliteConnection connection, long logId, ulong treeSize)
    {
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT line FROM cosignatures WHERE log_id = $log AND tree_size = $size ORDER BY witness";
        query.Parameters.AddWithValue("$log", logId);
        query.Parameters.AddWithValue("$size", checked((long)treeSize));
        using var reader = query.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(0));
        }
        return lines;
    }

    /// <summary>The largest tree size in [atLeast, atMost] cosigned by at least quorum witnesses, or null.</summary>
    public static ulong? LatestWithQuorum(SqliteConnection connection, long logId, ulong atLeast, ulong atMost, int quorum)
    {
        using var query = connection.CreateCommand();
        query.CommandText = """
            SELECT tree_size FROM cosignatures
            WHERE log_id = $log AND tree_size >= $min AND tree_size <= $max
            GROUP BY tree_size HAVING COUNT(*) >= $quorum
            ORDER BY tree_size DESC LIMIT 1
            """;
        query.Parameters.AddWithValue("$log", logId);
        query.Parameters.AddWithValue("$min", checked((long)atLeast));
        query.Parameters.AddWithValue("$max", checked((long)atMost));
        query.Parameters.AddWithValue("$quorum", quorum);
        return query.ExecuteScalar() is long size ? (ulong)size : null;
    }

    /// <summary>The largest tree size a witness has cosigned for a log, or null.</summary>
    public static ulong? LatestBy(SqliteConnection connection, long logId, string witness)
    {
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT MAX(tree_size) FROM cosignatures WHERE log_id = $log AND witness = $witness";
        query.Parameters.AddWithValue("$log", logId);
        query.Parameters.AddWithValue("$witness", witness);
        return query.ExecuteScalar() is long size ? (ulong)size : null;
    }
}

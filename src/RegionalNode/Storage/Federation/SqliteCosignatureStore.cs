namespace Regional.Node.Storage.Federation;

/// <summary>The cosignatures and witness_state tables in SQLite. Part of <see cref="SqliteSession"/>
/// (see <see cref="ISqliteStore"/>).</summary>
internal interface ISqliteCosignatureStore : ICosignatureStore, ISqliteStore
{
    void ICosignatureStore.Add(long logId, ulong treeSize, string witness, string line, DateTimeOffset cosignedAt)
    {
        using var upsert = Connection.CreateCommand();
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

    IReadOnlyList<string> ICosignatureStore.Lines(long logId, ulong treeSize)
    {
        using var query = Connection.CreateCommand();
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

    ulong? ICosignatureStore.LatestWithQuorum(long logId, ulong atLeast, ulong atMost, int quorum)
    {
        using var query = Connection.CreateCommand();
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

    ulong? ICosignatureStore.LatestBy(long logId, string witness)
    {
        using var query = Connection.CreateCommand();
        query.CommandText = "SELECT MAX(tree_size) FROM cosignatures WHERE log_id = $log AND witness = $witness";
        query.Parameters.AddWithValue("$log", logId);
        query.Parameters.AddWithValue("$witness", witness);
        return query.ExecuteScalar() is long size ? (ulong)size : null;
    }

    IReadOnlyList<(string Witness, long Count)> ICosignatureStore.CountByWitness(long logId)
    {
        using var query = Connection.CreateCommand();
        query.CommandText = "SELECT witness, COUNT(*) FROM cosignatures WHERE log_id = $log GROUP BY witness";
        query.Parameters.AddWithValue("$log", logId);
        using var reader = query.ExecuteReader();
        var counts = new List<(string, long)>();
        while (reader.Read())
        {
            counts.Add((reader.GetString(0), reader.GetInt64(1)));
        }
        return counts;
    }

    WitnessedCheckpoint? ICosignatureStore.Witnessed(string origin)
    {
        using var query = Connection.CreateCommand();
        query.CommandText = "SELECT tree_size, root_hash, note, updated_at_ms FROM witness_state WHERE origin = $origin";
        query.Parameters.AddWithValue("$origin", origin);
        using var reader = query.ExecuteReader();
        return reader.Read()
            ? new WitnessedCheckpoint(origin, (ulong)reader.GetInt64(0), (byte[])reader[1], reader.GetString(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)))
            : null;
    }

    void ICosignatureStore.SaveWitnessed(WitnessedCheckpoint witnessed)
    {
        using var upsert = Connection.CreateCommand();
        upsert.CommandText = """
            INSERT INTO witness_state (origin, tree_size, root_hash, note, updated_at_ms)
            VALUES ($origin, $size, $root, $note, $at)
            ON CONFLICT (origin) DO UPDATE SET tree_size = excluded.tree_size, root_hash = excluded.root_hash,
                note = excluded.note, updated_at_ms = excluded.updated_at_ms
            """;
        upsert.Parameters.AddWithValue("$origin", witnessed.Origin);
        upsert.Parameters.AddWithValue("$size", checked((long)witnessed.TreeSize));
        upsert.Parameters.AddWithValue("$root", witnessed.RootHash);
        upsert.Parameters.AddWithValue("$note", witnessed.Note);
        upsert.Parameters.AddWithValue("$at", witnessed.UpdatedAt.ToUnixTimeMilliseconds());
        upsert.ExecuteNonQuery();
    }
}

namespace Regional.Node.Storage.Federation;

/// <summary>The cosignatures and witness_state tables (SQLite and PostgreSQL alike). Part of each engine's session
/// (see <see cref="ISqlStore"/>).</summary>
internal interface ISqlCosignatureStore : ICosignatureStore, ISqlStore
{
    void ICosignatureStore.Add(long logId, ulong treeSize, string witness, string line, DateTimeOffset cosignedAt)
    {
        var upsert = Prepared("""
            INSERT INTO cosignatures (log_id, tree_size, witness, line, cosigned_at_ms)
            VALUES (@log, @size, @witness, @line, @at)
            ON CONFLICT (log_id, tree_size, witness) DO UPDATE SET line = excluded.line, cosigned_at_ms = excluded.cosigned_at_ms
                WHERE excluded.cosigned_at_ms >= cosignatures.cosigned_at_ms
            """,
            ("@log", logId), ("@size", checked((long)treeSize)), ("@witness", witness), ("@line", line),
            ("@at", cosignedAt.ToUnixTimeMilliseconds()));
        upsert.ExecuteNonQuery();
    }

    IReadOnlyList<string> ICosignatureStore.Lines(long logId, ulong treeSize)
    {
        var query = Prepared("SELECT line FROM cosignatures WHERE log_id = @log AND tree_size = @size ORDER BY witness",
            ("@log", logId), ("@size", checked((long)treeSize)));
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
        var query = Prepared("""
            SELECT tree_size FROM cosignatures
            WHERE log_id = @log AND tree_size >= @min AND tree_size <= @max
            GROUP BY tree_size HAVING COUNT(*) >= @quorum
            ORDER BY tree_size DESC LIMIT 1
            """, ("@log", logId), ("@min", checked((long)atLeast)), ("@max", checked((long)atMost)), ("@quorum", quorum));
        return query.ExecuteScalar() is long size ? (ulong)size : null;
    }

    ulong? ICosignatureStore.LatestBy(long logId, string witness)
    {
        var query = Prepared("SELECT MAX(tree_size) FROM cosignatures WHERE log_id = @log AND witness = @witness",
            ("@log", logId), ("@witness", witness));
        return query.ExecuteScalar() is long size ? (ulong)size : null;
    }

    IReadOnlyList<(string Witness, long Count)> ICosignatureStore.CountByWitness(long logId)
    {
        var query = Prepared("SELECT witness, COUNT(*) FROM cosignatures WHERE log_id = @log GROUP BY witness", ("@log", logId));
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
        var query = Prepared("SELECT tree_size, root_hash, note, updated_at_ms FROM witness_state WHERE origin = @origin", ("@origin", origin));
        using var reader = query.ExecuteReader();
        return reader.Read()
            ? new WitnessedCheckpoint(origin, (ulong)reader.GetInt64(0), (byte[])reader[1], reader.GetString(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)))
            : null;
    }

    void ICosignatureStore.SaveWitnessed(WitnessedCheckpoint witnessed)
    {
        var upsert = Prepared("""
            INSERT INTO witness_state (origin, tree_size, root_hash, note, updated_at_ms)
            VALUES (@origin, @size, @root, @note, @at)
            ON CONFLICT (origin) DO UPDATE SET tree_size = excluded.tree_size, root_hash = excluded.root_hash,
                note = excluded.note, updated_at_ms = excluded.updated_at_ms
            """,
            ("@origin", witnessed.Origin), ("@size", checked((long)witnessed.TreeSize)), ("@root", witnessed.RootHash),
            ("@note", witnessed.Note), ("@at", witnessed.UpdatedAt.ToUnixTimeMilliseconds()));
        upsert.ExecuteNonQuery();
    }
}

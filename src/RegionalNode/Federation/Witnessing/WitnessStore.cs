using Microsoft.Data.Sqlite;

namespace Regional.Node.Federation.Witnessing;

/// <summary>The checkpoint a witness last cosigned for an origin: the size old_size must name,
/// the root every later checkpoint must extend, and the signed note kept as evidence.</summary>
internal sealed record WitnessedCheckpoint(string Origin, ulong TreeSize, byte[] RootHash, string Note, DateTimeOffset UpdatedAt);

/// <summary>The witness_state table: one row per origin this node witnesses.</summary>
internal static class WitnessStore
{
    public static WitnessedCheckpoint? Find(SqliteConnection connection, string origin)
    {
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT tree_size, root_hash, note, updated_at_ms FROM witness_state WHERE origin = $origin";
        query.Parameters.AddWithValue("$origin", origin);
        using var reader = query.ExecuteReader();
        return reader.Read()
            ? new WitnessedCheckpoint(origin, (ulong)reader.GetInt64(0), (byte[])reader[1], reader.GetString(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)))
            : null;
    }

    public static void Save(SqliteConnection connection, WitnessedCheckpoint witnessed)
    {
        using var upsert = connection.CreateCommand();
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

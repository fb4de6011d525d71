using Microsoft.Data.Sqlite;

namespace Regional.Node.Ledger;

/// <summary>A request already carried out: its fingerprint, its result and the leaf it wrote.</summary>
internal sealed record StoredRequest(byte[] Fingerprint, byte[] Result, ulong? Leaf);

/// <summary>The requests table: caller-chosen request ids, kept with the block that carried
/// them out (same transaction), so a retry after a lost answer is answered, not repeated.</summary>
internal static class RequestStore
{
    public static StoredRequest? Find(SqliteConnection connection, string requestId)
    {
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT fingerprint, result, leaf_index FROM requests WHERE request_id = $id";
        query.Parameters.AddWithValue("$id", requestId);
        using var reader = query.ExecuteReader();
        return reader.Read()
            ? new StoredRequest((byte[])reader[0], (byte[])reader[1], reader.IsDBNull(2) ? null : (ulong)reader.GetInt64(2))
            : null;
    }

    public static void Add(SqliteConnection connection, string requestId, byte[] fingerprint, byte[] result, ulong? leaf)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO requests (request_id, fingerprint, result, leaf_index) VALUES ($id, $fingerprint, $result, $leaf)";
        insert.Parameters.AddWithValue("$id", requestId);
        insert.Parameters.AddWithValue("$fingerprint", fingerprint);
        insert.Parameters.AddWithValue("$result", result);
        insert.Parameters.AddWithValue("$leaf", leaf is { } l ? checked((long)l) : DBNull.Value);
        insert.ExecuteNonQuery();
    }
}

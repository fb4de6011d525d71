namespace Regional.Node.Storage.Ledger;

/// <summary>The requests table in SQLite. Part of <see cref="SqliteSession"/> (see <see cref="ISqliteStore"/>).</summary>
internal interface ISqliteRequestStore : IRequestStore, ISqliteStore
{
    StoredRequest? IRequestStore.Find(string requestId)
    {
        using var query = Connection.CreateCommand();
        query.CommandText = "SELECT fingerprint, result, leaf_index FROM requests WHERE request_id = $id";
        query.Parameters.AddWithValue("$id", requestId);
        using var reader = query.ExecuteReader();
        return reader.Read()
            ? new StoredRequest((byte[])reader[0], (byte[])reader[1], reader.IsDBNull(2) ? null : (ulong)reader.GetInt64(2))
            : null;
    }

    void IRequestStore.Add(string requestId, byte[] fingerprint, byte[] result, ulong? leaf)
    {
        using var insert = Connection.CreateCommand();
        insert.CommandText = "INSERT INTO requests (request_id, fingerprint, result, leaf_index) VALUES ($id, $fingerprint, $result, $leaf)";
        insert.Parameters.AddWithValue("$id", requestId);
        insert.Parameters.AddWithValue("$fingerprint", fingerprint);
        insert.Parameters.AddWithValue("$result", result);
        insert.Parameters.AddWithValue("$leaf", leaf is { } l ? checked((long)l) : DBNull.Value);
        insert.ExecuteNonQuery();
    }
}

namespace Regional.Node.Storage.Ledger;

/// <summary>The requests table (SQLite and PostgreSQL alike). Part of each engine's session (see <see cref="ISqlStore"/>).</summary>
internal interface ISqlRequestStore : IRequestStore, ISqlStore
{
    StoredRequest? IRequestStore.Find(string requestId)
    {
        var query = Prepared("SELECT fingerprint, result, leaf_index FROM requests WHERE request_id = @id", ("@id", requestId));
        using var reader = query.ExecuteReader();
        return reader.Read()
            ? new StoredRequest((byte[])reader[0], (byte[])reader[1], reader.IsDBNull(2) ? null : (ulong)reader.GetInt64(2))
            : null;
    }

    void IRequestStore.Add(string requestId, byte[] fingerprint, byte[] result, ulong? leaf)
    {
        var insert = Prepared("INSERT INTO requests (request_id, fingerprint, result, leaf_index) VALUES (@id, @fingerprint, @result, @leaf)",
            ("@id", requestId), ("@fingerprint", fingerprint), ("@result", result),
            ("@leaf", leaf is { } l ? checked((long)l) : DBNull.Value));
        insert.ExecuteNonQuery();
    }
}

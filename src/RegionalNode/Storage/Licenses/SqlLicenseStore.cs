using Regional.V1;

namespace Regional.Node.Storage.Licenses;

/// <summary>The licence tables (licenses, license_events, documents, holder_index; numbers in
/// counters). Part of <see cref="SqliteSession"/> (see <see cref="ISqlStore"/>).</summary>
internal interface ISqlLicenseStore : ILicenseStore, ISqlStore
{
    LicenseRow? ILicenseStore.Find(string licenseId)
    {
        var query = Prepared("""
            SELECT license_id, log_id, license_type, department, status, version, document_leaf
            FROM licenses WHERE license_id = @id
            """, ("@id", licenseId));
        using var reader = query.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }
        return new LicenseRow(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
            (LicenseStatus)reader.GetInt32(4), (uint)reader.GetInt64(5), (ulong)reader.GetInt64(6));
    }

    void ILicenseStore.Upsert(LicenseRow row)
    {
        var upsert = Prepared("""
            INSERT INTO licenses (license_id, log_id, license_type, department, status, version, document_leaf)
            VALUES (@id, @log, @type, @department, @status, @version, @leaf)
            ON CONFLICT (license_id) DO UPDATE SET
                status = excluded.status, version = excluded.version, document_leaf = excluded.document_leaf
            """,
            ("@id", row.LicenseId), ("@log", row.LogId), ("@type", row.LicenseType), ("@department", row.Department),
            ("@status", (int)row.Status), ("@version", row.Version), ("@leaf", checked((long)row.DocumentLeaf)));
        upsert.ExecuteNonQuery();
    }

    void ILicenseStore.AddEvent(string licenseId, ulong leafIndex, string kind)
    {
        var insert = Prepared("INSERT INTO license_events (license_id, leaf_index, kind) VALUES (@id, @leaf, @kind)",
            ("@id", licenseId), ("@leaf", checked((long)leafIndex)), ("@kind", kind));
        insert.ExecuteNonQuery();
    }

    IReadOnlyList<LicenseEvent> ILicenseStore.Events(string licenseId, ulong treeSize)
    {
        var query = Prepared("SELECT leaf_index, kind FROM license_events WHERE license_id = @id AND leaf_index < @size ORDER BY leaf_index",
            ("@id", licenseId), ("@size", checked((long)treeSize)));
        using var reader = query.ExecuteReader();
        var events = new List<LicenseEvent>();
        while (reader.Read())
        {
            events.Add(new LicenseEvent((ulong)reader.GetInt64(0), reader.GetString(1)));
        }
        return events;
    }

    void ILicenseStore.PutDocument(string licenseId, uint version, byte[] sealedDocument)
    {
        var insert = Prepared("INSERT INTO documents (license_id, version, sealed) VALUES (@id, @version, @sealed)",
            ("@id", licenseId), ("@version", version), ("@sealed", sealedDocument));
        insert.ExecuteNonQuery();
    }

    byte[]? ILicenseStore.GetDocument(string licenseId, uint version)
    {
        var query = Prepared("SELECT sealed FROM documents WHERE license_id = @id AND version = @version", ("@id", licenseId), ("@version", version));
        return query.ExecuteScalar() as byte[];
    }

    void ILicenseStore.IndexHolder(byte[] holderKey, string licenseId)
    {
        var insert = Prepared("INSERT INTO holder_index (holder_key, license_id) VALUES (@key, @id) ON CONFLICT DO NOTHING",
            ("@key", holderKey), ("@id", licenseId));
        insert.ExecuteNonQuery();
    }

    bool ILicenseStore.IsHolder(byte[] holderKey, string licenseId)
    {
        var query = Prepared("SELECT 1 FROM holder_index WHERE holder_key = @key AND license_id = @id", ("@key", holderKey), ("@id", licenseId));
        return query.ExecuteScalar() is not null;
    }

    IReadOnlyList<string> ILicenseStore.ByHolder(byte[] holderKey)
    {
        var query = Prepared("SELECT license_id FROM holder_index WHERE holder_key = @key ORDER BY license_id", ("@key", holderKey));
        using var reader = query.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    long ILicenseStore.NextNumber(string counter)
    {
        var next = Prepared("""
            INSERT INTO counters (name, value) VALUES (@name, 1)
            ON CONFLICT (name) DO UPDATE SET value = counters.value + 1
            RETURNING value
            """, ("@name", counter));
        return (long)next.ExecuteScalar()!;
    }

    void ILicenseStore.RaiseNumber(string counter, long atLeast)
    {
        var upsert = Prepared("""
            INSERT INTO counters (name, value) VALUES (@name, @value)
            ON CONFLICT (name) DO UPDATE SET value = CASE WHEN excluded.value > counters.value THEN excluded.value ELSE counters.value END
            """, ("@name", counter), ("@value", atLeast));
        upsert.ExecuteNonQuery();
    }
}

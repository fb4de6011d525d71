using Regional.V1;

namespace Regional.Node.Storage.Licenses;

/// <summary>The licence tables in SQLite (licenses, license_events, documents, holder_index; numbers in
/// counters). Part of <see cref="SqliteSession"/> (see <see cref="ISqliteStore"/>).</summary>
internal interface ISqliteLicenseStore : ILicenseStore, ISqliteStore
{
    LicenseRow? ILicenseStore.Find(string licenseId)
    {
        using var query = Connection.CreateCommand();
        query.CommandText = """
            SELECT license_id, log_id, license_type, department, status, version, document_leaf
            FROM licenses WHERE license_id = $id
            """;
        query.Parameters.AddWithValue("$id", licenseId);
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
        using var upsert = Connection.CreateCommand();
        upsert.CommandText = """
            INSERT INTO licenses (license_id, log_id, license_type, department, status, version, document_leaf)
            VALUES ($id, $log, $type, $department, $status, $version, $leaf)
            ON CONFLICT (license_id) DO UPDATE SET
                status = excluded.status, version = excluded.version, document_leaf = excluded.document_leaf
            """;
        upsert.Parameters.AddWithValue("$id", row.LicenseId);
        upsert.Parameters.AddWithValue("$log", row.LogId);
        upsert.Parameters.AddWithValue("$type", row.LicenseType);
        upsert.Parameters.AddWithValue("$department", row.Department);
        upsert.Parameters.AddWithValue("$status", (int)row.Status);
        upsert.Parameters.AddWithValue("$version", row.Version);
        upsert.Parameters.AddWithValue("$leaf", checked((long)row.DocumentLeaf));
        upsert.ExecuteNonQuery();
    }

    void ILicenseStore.AddEvent(string licenseId, ulong leafIndex, string kind)
    {
        using var insert = Connection.CreateCommand();
        insert.CommandText = "INSERT INTO license_events (license_id, leaf_index, kind) VALUES ($id, $leaf, $kind)";
        insert.Parameters.AddWithValue("$id", licenseId);
        insert.Parameters.AddWithValue("$leaf", checked((long)leafIndex));
        insert.Parameters.AddWithValue("$kind", kind);
        insert.ExecuteNonQuery();
    }

    IReadOnlyList<LicenseEvent> ILicenseStore.Events(string licenseId, ulong treeSize)
    {
        using var query = Connection.CreateCommand();
        query.CommandText = "SELECT leaf_index, kind FROM license_events WHERE license_id = $id AND leaf_index < $size ORDER BY leaf_index";
        query.Parameters.AddWithValue("$id", licenseId);
        query.Parameters.AddWithValue("$size", checked((long)treeSize));
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
        using var insert = Connection.CreateCommand();
        insert.CommandText = "INSERT INTO documents (license_id, version, sealed) VALUES ($id, $version, $sealed)";
        insert.Parameters.AddWithValue("$id", licenseId);
        insert.Parameters.AddWithValue("$version", version);
        insert.Parameters.AddWithValue("$sealed", sealedDocument);
        insert.ExecuteNonQuery();
    }

    byte[]? ILicenseStore.GetDocument(string licenseId, uint version)
    {
        using var query = Connection.CreateCommand();
        query.CommandText = "SELECT sealed FROM documents WHERE license_id = $id AND version = $version";
        query.Parameters.AddWithValue("$id", licenseId);
        query.Parameters.AddWithValue("$version", version);
        return query.ExecuteScalar() as byte[];
    }

    void ILicenseStore.IndexHolder(byte[] holderKey, string licenseId)
    {
        using var insert = Connection.CreateCommand();
        insert.CommandText = "INSERT OR IGNORE INTO holder_index (holder_key, license_id) VALUES ($key, $id)";
        insert.Parameters.AddWithValue("$key", holderKey);
        insert.Parameters.AddWithValue("$id", licenseId);
        insert.ExecuteNonQuery();
    }

    bool ILicenseStore.IsHolder(byte[] holderKey, string licenseId)
    {
        using var query = Connection.CreateCommand();
        query.CommandText = "SELECT 1 FROM holder_index WHERE holder_key = $key AND license_id = $id";
        query.Parameters.AddWithValue("$key", holderKey);
        query.Parameters.AddWithValue("$id", licenseId);
        return query.ExecuteScalar() is not null;
    }

    IReadOnlyList<string> ILicenseStore.ByHolder(byte[] holderKey)
    {
        using var query = Connection.CreateCommand();
        query.CommandText = "SELECT license_id FROM holder_index WHERE holder_key = $key ORDER BY license_id";
        query.Parameters.AddWithValue("$key", holderKey);
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
        using var next = Connection.CreateCommand();
        next.CommandText = """
            INSERT INTO counters (name, value) VALUES ($name, 1)
            ON CONFLICT (name) DO UPDATE SET value = value + 1;
            SELECT value FROM counters WHERE name = $name;
            """;
        next.Parameters.AddWithValue("$name", counter);
        return (long)next.ExecuteScalar()!;
    }

    void ILicenseStore.RaiseNumber(string counter, long atLeast)
    {
        using var upsert = Connection.CreateCommand();
        upsert.CommandText = """
            INSERT INTO counters (name, value) VALUES ($name, $value)
            ON CONFLICT (name) DO UPDATE SET value = MAX(value, excluded.value)
            """;
        upsert.Parameters.AddWithValue("$name", counter);
        upsert.Parameters.AddWithValue("$value", atLeast);
        upsert.ExecuteNonQuery();
    }
}

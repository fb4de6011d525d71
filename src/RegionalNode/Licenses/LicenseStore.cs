using Microsoft.Data.Sqlite;
using Regional.V1;

namespace Regional.Node.Licenses;

/// <summary>A licence's current state, derived from its entries in the log.</summary>
internal sealed record LicenseRow(
    string LicenseId,
    long LogId,
    string LicenseType,
    string Department,
    LicenseStatus Status,
    uint Version,
    ulong DocumentLeaf);

/// <summary>One entry of a licence's history: its leaf and kind.</summary>
internal sealed record LicenseEvent(ulong LeafIndex, string Kind);

/// <summary>Queries over the licence tables: state, history, encrypted documents, holder index.</summary>
internal static class LicenseStore
{
    public const string Issued = "issued";
    public const string Amended = "amended";
    public const string StatusChanged = "status_changed";
    public const string ConsentGranted = "consent_granted";
    public const string ConsentWithdrawn = "consent_withdrawn";
    public const string AccessRecorded = "access_recorded";

    public static LicenseRow? Find(SqliteConnection connection, string licenseId)
    {
        using var query = connection.CreateCommand();
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

    public static void Upsert(SqliteConnection connection, LicenseRow row)
    {
        using var upsert = connection.CreateCommand();
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

    public static void AddEvent(SqliteConnection connection, string licenseId, ulong leafIndex, string kind)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO license_events (license_id, leaf_index, kind) VALUES ($id, $leaf, $kind)";
        insert.Parameters.AddWithValue("$id", licenseId);
        insert.Parameters.AddWithValue("$leaf", checked((long)leafIndex));
        insert.Parameters.AddWithValue("$kind", kind);
        insert.ExecuteNonQuery();
    }

    /// <summary>The licence's entries in log order, up to (excluding) a tree size.</summary>
    public static List<LicenseEvent> Events(SqliteConnection connection, string licenseId, ulong treeSize)
    {
        using var query = connection.CreateCommand();
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

    public static void PutDocument(SqliteConnection connection, string licenseId, uint version, byte[] sealedDocument)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO documents (license_id, version, sealed) VALUES ($id, $version, $sealed)";
        insert.Parameters.AddWithValue("$id", licenseId);
        insert.Parameters.AddWithValue("$version", version);
        insert.Parameters.AddWithValue("$sealed", sealedDocument);
        insert.ExecuteNonQuery();
    }

    public static byte[]? GetDocument(SqliteConnection connection, string licenseId, uint version)
    {
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT sealed FROM documents WHERE license_id = $id AND version = $version";
        query.Parameters.AddWithValue("$id", licenseId);
        query.Parameters.AddWithValue("$version", version);
        return query.ExecuteScalar() as byte[];
    }

    public static void IndexHolder(SqliteConnection connection, byte[] holderKey, string licenseId)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT OR IGNORE INTO holder_index (holder_key, license_id) VALUES ($key, $id)";
        insert.Parameters.AddWithValue("$key", holderKey);
        insert.Parameters.AddWithValue("$id", licenseId);
        insert.ExecuteNonQuery();
    }

    /// <summary>Whether the keyed holder index names this holder for the licence.</summary>
    public static bool IsHolder(SqliteConnection connection, byte[] holderKey, string licenseId)
    {
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT 1 FROM holder_index WHERE holder_key = $key AND license_id = $id";
        query.Parameters.AddWithValue("$key", holderKey);
        query.Parameters.AddWithValue("$id", licenseId);
        return query.ExecuteScalar() is not null;
    }

    public static List<string> ByHolder(SqliteConnection connection, byte[] holderKey)
    {
        using var query = connection.CreateCommand();
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

    /// <summary>Takes the next number of a named counter (in the caller's transaction).</summary>
    public static long NextNumber(SqliteConnection connection, string counter)
    {
        using var next = connection.CreateCommand();
        next.CommandText = """
            INSERT INTO counters (name, value) VALUES ($name, 1)
            ON CONFLICT (name) DO UPDATE SET value = value + 1;
            SELECT value FROM counters WHERE name = $name;
            """;
        next.Parameters.AddWithValue("$name", counter);
        return (long)next.ExecuteScalar()!;
    }
}

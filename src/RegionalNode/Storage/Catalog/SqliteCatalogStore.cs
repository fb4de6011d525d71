using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Regional.V1;

namespace Regional.Node.Storage.Catalog;

/// <summary>The catalog table in SQLite. Part of <see cref="SqliteSession"/> (see <see cref="ISqliteStore"/>).</summary>
internal interface ISqliteCatalogStore : ICatalogStore, ISqliteStore
{
    CatalogItem? ICatalogStore.Find(long logId, string code)
    {
        using var query = Connection.CreateCommand();
        query.CommandText = """
            SELECT l.region, c.definition, c.revision, c.leaf_index
            FROM catalog c JOIN logs l ON l.log_id = c.log_id
            WHERE c.log_id = $log AND c.code = $code
            """;
        query.Parameters.AddWithValue("$log", logId);
        query.Parameters.AddWithValue("$code", code);
        using var reader = query.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    IReadOnlyList<CatalogItem> ICatalogStore.List(string? region)
    {
        using var query = Connection.CreateCommand();
        query.CommandText = """
            SELECT l.region, c.definition, c.revision, c.leaf_index
            FROM catalog c JOIN logs l ON l.log_id = c.log_id
            WHERE $region IS NULL OR l.region = $region
            ORDER BY l.region, c.code
            """;
        query.Parameters.AddWithValue("$region", (object?)region ?? DBNull.Value);
        using var reader = query.ExecuteReader();
        var items = new List<CatalogItem>();
        while (reader.Read())
        {
            items.Add(Read(reader));
        }
        return items;
    }

    void ICatalogStore.Upsert(long logId, LicenseType type, uint revision, ulong leafIndex)
    {
        using var upsert = Connection.CreateCommand();
        upsert.CommandText = """
            INSERT INTO catalog (log_id, code, owning_department, revision, definition, leaf_index)
            VALUES ($log, $code, $owner, $revision, $definition, $leaf)
            ON CONFLICT (log_id, code) DO UPDATE SET
                owning_department = excluded.owning_department, revision = excluded.revision,
                definition = excluded.definition, leaf_index = excluded.leaf_index
            """;
        upsert.Parameters.AddWithValue("$log", logId);
        upsert.Parameters.AddWithValue("$code", type.Code);
        upsert.Parameters.AddWithValue("$owner", type.OwningDepartment);
        upsert.Parameters.AddWithValue("$revision", revision);
        upsert.Parameters.AddWithValue("$definition", type.ToByteArray());
        upsert.Parameters.AddWithValue("$leaf", checked((long)leafIndex));
        upsert.ExecuteNonQuery();
    }

    private static CatalogItem Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        LicenseType.Parser.ParseFrom((byte[])reader[1]),
        (uint)reader.GetInt64(2),
        (ulong)reader.GetInt64(3));
}

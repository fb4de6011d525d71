using Google.Protobuf;
using System.Data.Common;
using Regional.V1;

namespace Regional.Node.Storage.Catalog;

/// <summary>The catalog table (SQLite and PostgreSQL alike). Part of each engine's session (see <see cref="ISqlStore"/>).</summary>
internal interface ISqlCatalogStore : ICatalogStore, ISqlStore
{
    CatalogItem? ICatalogStore.Find(long logId, string code)
    {
        var query = Prepared("""
            SELECT l.region, c.definition, c.revision, c.leaf_index
            FROM catalog c JOIN logs l ON l.log_id = c.log_id
            WHERE c.log_id = @log AND c.code = @code
            """, ("@log", logId), ("@code", code));
        using var reader = query.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    IReadOnlyList<CatalogItem> ICatalogStore.List(string? region)
    {
        var query = Prepared("""
            SELECT l.region, c.definition, c.revision, c.leaf_index
            FROM catalog c JOIN logs l ON l.log_id = c.log_id
            WHERE CAST(@region AS TEXT) IS NULL OR l.region = @region
            ORDER BY l.region, c.code
            """, ("@region", (object?)region ?? DBNull.Value));
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
        var upsert = Prepared("""
            INSERT INTO catalog (log_id, code, owning_department, revision, definition, leaf_index)
            VALUES (@log, @code, @owner, @revision, @definition, @leaf)
            ON CONFLICT (log_id, code) DO UPDATE SET
                owning_department = excluded.owning_department, revision = excluded.revision,
                definition = excluded.definition, leaf_index = excluded.leaf_index
            """,
            ("@log", logId), ("@code", type.Code), ("@owner", type.OwningDepartment), ("@revision", revision),
            ("@definition", type.ToByteArray()), ("@leaf", checked((long)leafIndex)));
        upsert.ExecuteNonQuery();
    }

    private static CatalogItem Read(DbDataReader reader) => new(
        reader.GetString(0),
        LicenseType.Parser.ParseFrom((byte[])reader[1]),
        (uint)reader.GetInt64(2),
        (ulong)reader.GetInt64(3));
}

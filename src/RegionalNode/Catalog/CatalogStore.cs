using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Regional.V1;

namespace Regional.Node.Catalog;

/// <summary>A licence type as the directory holds it.</summary>
internal sealed record CatalogItem(string Region, LicenseType Type, uint Revision, ulong LeafIndex)
{
    /// <summary>The item as CatalogService answers it.</summary>
    public GetLicenseTypeResponse ToWire() => new() { LicenseType = Type, Revision = Revision, Region = Region };
}

/// <summary>Reads and writes the catalog table: the directory (目录) as derived from catalog entries.</summary>
internal static class CatalogStore
{
    public static CatalogItem? Find(SqliteConnection connection, long logId, string code)
    {
        using var query = connection.CreateCommand();
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

    /// <summary>ListLicenseTypes' answer: every region's directory, or one region's when named.</summary>
    public static ListLicenseTypesResponse ListResponse(SqliteConnection connection, ListLicenseTypesRequest request)
    {
        var response = new ListLicenseTypesResponse();
        response.LicenseTypes.AddRange(List(connection, request.Region.Length > 0 ? request.Region : null).Select(i => i.ToWire()));
        return response;
    }

    public static List<CatalogItem> List(SqliteConnection connection, string? region)
    {
        using var query = connection.CreateCommand();
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

    public static void Upsert(SqliteConnection connection, long logId, LicenseType type, uint revision, ulong leafIndex)
    {
        using var upsert = connection.CreateCommand();
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

using Microsoft.Data.Sqlite;
using Regional.V1;

namespace Regional.Node.Consent;

/// <summary>A grant as the issuing region keeps it: the logged grant, its leaf, and its state.</summary>
internal sealed record GrantRow(ConsentGranted Grant, ulong LeafIndex, bool Withdrawn, uint Uses);

/// <summary>Queries over the consent_grants table (the issuing region's own grants only).</summary>
internal static class ConsentStore
{
    public static void Add(SqliteConnection connection, ConsentGranted grant, ulong leafIndex)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO consent_grants (grant_id, license_id, grant_entry, leaf_index) VALUES ($id, $license, $grant, $leaf)";
        insert.Parameters.AddWithValue("$id", grant.GrantId);
        insert.Parameters.AddWithValue("$license", grant.LicenseId);
        insert.Parameters.AddWithValue("$grant", Google.Protobuf.MessageExtensions.ToByteArray(grant));
        insert.Parameters.AddWithValue("$leaf", checked((long)leafIndex));
        insert.ExecuteNonQuery();
    }

    public static GrantRow? Find(SqliteConnection connection, string grantId) =>
        Read(connection, "WHERE grant_id = $key", grantId).FirstOrDefault();

    public static List<GrantRow> ByLicense(SqliteConnection connection, string licenseId) =>
        Read(connection, "WHERE license_id = $key ORDER BY leaf_index", licenseId);

    public static void MarkWithdrawn(SqliteConnection connection, string grantId) =>
        Update(connection, "UPDATE consent_grants SET withdrawn = 1 WHERE grant_id = $id", grantId);

    public static void AddUse(SqliteConnection connection, string grantId) =>
        Update(connection, "UPDATE consent_grants SET uses = uses + 1 WHERE grant_id = $id", grantId);

    private static void Update(SqliteConnection connection, string sql, string grantId)
    {
        using var update = connection.CreateCommand();
        update.CommandText = sql;
        update.Parameters.AddWithValue("$id", grantId);
        update.ExecuteNonQuery();
    }

    private static List<GrantRow> Read(SqliteConnection connection, string where, string key)
    {
        using var query = connection.CreateCommand();
        query.CommandText = $"SELECT grant_entry, leaf_index, withdrawn, uses FROM consent_grants {where}";
        query.Parameters.AddWithValue("$key", key);
        using var reader = query.ExecuteReader();
        var rows = new List<GrantRow>();
        while (reader.Read())
        {
            rows.Add(new GrantRow(ConsentGranted.Parser.ParseFrom((byte[])reader[0]), (ulong)reader.GetInt64(1),
                reader.GetInt64(2) != 0, (uint)reader.GetInt64(3)));
        }
        return rows;
    }
}

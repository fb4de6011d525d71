using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Regional.V1;

namespace Regional.Node.Storage.Consent;

/// <summary>The consent_grants table in SQLite. Part of <see cref="SqliteSession"/> (see <see cref="ISqliteStore"/>).</summary>
internal interface ISqliteConsentStore : IConsentStore, ISqliteStore
{
    private const string Select = "SELECT grant_entry, leaf_index, withdrawn, uses FROM consent_grants ";

    void IConsentStore.Add(ConsentGranted grant, ulong leafIndex)
    {
        var insert = Prepared("INSERT INTO consent_grants (grant_id, license_id, grant_entry, leaf_index) VALUES ($id, $license, $grant, $leaf)",
            ("$id", grant.GrantId), ("$license", grant.LicenseId), ("$grant", grant.ToByteArray()),
            ("$leaf", checked((long)leafIndex)));
        insert.ExecuteNonQuery();
    }

    GrantRow? IConsentStore.Find(string grantId) =>
        Read(Connection, Select + "WHERE grant_id = $key", grantId).FirstOrDefault();

    IReadOnlyList<GrantRow> IConsentStore.ByLicense(string licenseId) =>
        Read(Connection, Select + "WHERE license_id = $key ORDER BY leaf_index", licenseId);

    void IConsentStore.MarkWithdrawn(string grantId) =>
        Update(Connection, "UPDATE consent_grants SET withdrawn = 1 WHERE grant_id = $id", grantId);

    void IConsentStore.AddUse(string grantId) =>
        Update(Connection, "UPDATE consent_grants SET uses = uses + 1 WHERE grant_id = $id", grantId);

    private static void Update(SqliteConnection connection, string sql, string grantId)
    {
        using var update = connection.CreateCommand();
        update.CommandText = sql;
        update.Parameters.AddWithValue("$id", grantId);
        update.ExecuteNonQuery();
    }

    private static List<GrantRow> Read(SqliteConnection connection, string sql, string key)
    {
        using var query = connection.CreateCommand();
        query.CommandText = sql;
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

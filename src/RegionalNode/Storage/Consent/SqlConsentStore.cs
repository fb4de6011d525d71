using Google.Protobuf;
using Regional.V1;

namespace Regional.Node.Storage.Consent;

/// <summary>The consent_grants table (SQLite and PostgreSQL alike). Part of each engine's session (see <see cref="ISqlStore"/>).</summary>
internal interface ISqlConsentStore : IConsentStore, ISqlStore
{
    private const string Select = "SELECT grant_entry, leaf_index, withdrawn, uses FROM consent_grants ";

    void IConsentStore.Add(ConsentGranted grant, ulong leafIndex)
    {
        var insert = Prepared("INSERT INTO consent_grants (grant_id, license_id, grant_entry, leaf_index) VALUES (@id, @license, @grant, @leaf)",
            ("@id", grant.GrantId), ("@license", grant.LicenseId), ("@grant", grant.ToByteArray()),
            ("@leaf", checked((long)leafIndex)));
        insert.ExecuteNonQuery();
    }

    GrantRow? IConsentStore.Find(string grantId) =>
        Read(Select + "WHERE grant_id = @key", grantId).FirstOrDefault();

    IReadOnlyList<GrantRow> IConsentStore.ByLicense(string licenseId) =>
        Read(Select + "WHERE license_id = @key ORDER BY leaf_index", licenseId);

    void IConsentStore.MarkWithdrawn(string grantId) =>
        Prepared("UPDATE consent_grants SET withdrawn = 1 WHERE grant_id = @id", ("@id", grantId)).ExecuteNonQuery();

    void IConsentStore.AddUse(string grantId) =>
        Prepared("UPDATE consent_grants SET uses = uses + 1 WHERE grant_id = @id", ("@id", grantId)).ExecuteNonQuery();

    private List<GrantRow> Read(string sql, string key)
    {
        using var reader = Prepared(sql, ("@key", key)).ExecuteReader();
        var rows = new List<GrantRow>();
        while (reader.Read())
        {
            rows.Add(new GrantRow(ConsentGranted.Parser.ParseFrom((byte[])reader[0]), (ulong)reader.GetInt64(1),
                reader.GetInt64(2) != 0, (uint)reader.GetInt64(3)));
        }
        return rows;
    }
}

using Microsoft.Data.Sqlite;
using Regional.LicenseVerifier.Ledger;

namespace Regional.Node.Licenses;

/// <summary>The licences one log has recorded, read from the licenses table (own log or mirror).</summary>
internal sealed class SqliteLicenseHistory(SqliteConnection connection, long logId) : ILicenseHistory
{
    public LicenseState? Find(string licenseId) =>
        LicenseStore.Find(connection, licenseId) is { } row && row.LogId == logId
            ? new LicenseState(row.Status, row.Version)
            : null;
}

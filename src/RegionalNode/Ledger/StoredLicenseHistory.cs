using Regional.LicenseVerifier.Ledger;
using Regional.Node.Storage.Licenses;

namespace Regional.Node.Ledger;

/// <summary>The licences one log has recorded, read from the licence store (own log or mirror).</summary>
internal sealed class StoredLicenseHistory(ILicenseStore licenses, long logId) : ILicenseHistory
{
    public LicenseState? Find(string licenseId) =>
        licenses.Find(licenseId) is { } row && row.LogId == logId
            ? new LicenseState(row.Status, row.Version)
            : null;
}

using Regional.LicenseVerifier.Ledger;
using Regional.V1;

namespace Regional.LicenseVerifier.Tests.Ledger;

/// <summary>The licences a mirror has stored, as a dictionary: issued is ACTIVE version 1, each
/// amendment sets its version, each status change its status.</summary>
internal sealed class MemoryHistory : ILicenseHistory
{
    private readonly Dictionary<string, LicenseState> _licences = new(StringComparer.Ordinal);

    public LicenseState? Find(string licenseId) => _licences.TryGetValue(licenseId, out var state) ? state : null;

    /// <summary>Records the entries of a stored block, in leaf order.</summary>
    public void Apply(IEnumerable<LedgerEntry> entries)
    {
        foreach (var entry in entries)
        {
            switch (entry.KindCase)
            {
                case LedgerEntry.KindOneofCase.LicenseIssued:
                    _licences[entry.LicenseIssued.LicenseId] = new LicenseState(LicenseStatus.Active, 1);
                    break;
                case LedgerEntry.KindOneofCase.LicenseAmended:
                    _licences[entry.LicenseAmended.LicenseId] = _licences[entry.LicenseAmended.LicenseId] with { Version = entry.LicenseAmended.Version };
                    break;
                case LedgerEntry.KindOneofCase.LicenseStatusChanged:
                    _licences[entry.LicenseStatusChanged.LicenseId] = _licences[entry.LicenseStatusChanged.LicenseId] with { Status = entry.LicenseStatusChanged.Status };
                    break;
            }
        }
    }
}

using Regional.V1;

namespace Regional.LicenseVerifier.Ledger;

/// <summary>
/// Licence states kept in memory as entries are replayed: on its own (an auditor re-checking a
/// log from genesis), or over another history (the entries of a block on top of what a mirror
/// has stored).
/// </summary>
/// <remarks>Not thread-safe: one replay at a time.</remarks>
public sealed class MemoryLicenseHistory(ILicenseHistory? inner = null) : ILicenseHistory
{
    private readonly Dictionary<string, LicenseState> _changes = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public LicenseState? Find(string licenseId) =>
        _changes.TryGetValue(licenseId, out var state) ? state : inner?.Find(licenseId);

    /// <summary>Applies one entry (already checked with <see cref="EntryRules"/>).</summary>
    public void Apply(LedgerEntry entry)
    {
        switch (entry.KindCase)
        {
            case LedgerEntry.KindOneofCase.LicenseIssued:
                _changes[entry.LicenseIssued.LicenseId] = new LicenseState(LicenseStatus.Active, 1);
                break;
            case LedgerEntry.KindOneofCase.LicenseAmended when Find(entry.LicenseAmended.LicenseId) is { } amended:
                _changes[entry.LicenseAmended.LicenseId] = amended with { Version = entry.LicenseAmended.Version };
                break;
            case LedgerEntry.KindOneofCase.LicenseStatusChanged when Find(entry.LicenseStatusChanged.LicenseId) is { } changed:
                _changes[entry.LicenseStatusChanged.LicenseId] = changed with { Status = entry.LicenseStatusChanged.Status };
                break;
        }
    }

    /// <summary>Applies entries in log order.</summary>
    public void Apply(IEnumerable<LedgerEntry> entries)
    {
        foreach (var entry in entries)
        {
            Apply(entry);
        }
    }
}

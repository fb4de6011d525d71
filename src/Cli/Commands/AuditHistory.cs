using Regional.LicenseVerifier.Ledger;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>The licence states of one log, rebuilt in memory while an audit replays its blocks.</summary>
internal sealed class AuditHistory : ILicenseHistory
{
    private readonly Dictionary<string, LicenseState> _states = new(StringComparer.Ordinal);

    public LicenseState? Find(string licenseId) => _states.TryGetValue(licenseId, out var state) ? state : null;

    public void Apply(IEnumerable<LedgerEntry> entries)
    {
        foreach (var entry in entries)
        {
            switch (entry.KindCase)
            {
                case LedgerEntry.KindOneofCase.LicenseIssued:
                    _states[entry.LicenseIssued.LicenseId] = new LicenseState(LicenseStatus.Active, 1);
                    break;
                case LedgerEntry.KindOneofCase.LicenseAmended when Find(entry.LicenseAmended.LicenseId) is { } amended:
                    _states[entry.LicenseAmended.LicenseId] = amended with { Version = entry.LicenseAmended.Version };
                    break;
                case LedgerEntry.KindOneofCase.LicenseStatusChanged when Find(entry.LicenseStatusChanged.LicenseId) is { } changed:
                    _states[entry.LicenseStatusChanged.LicenseId] = changed with { Status = entry.LicenseStatusChanged.Status };
                    break;
            }
        }
    }
}

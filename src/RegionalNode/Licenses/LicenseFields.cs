using Regional.Node.Storage.Ledger;
using Regional.Node.Storage.Licenses;
using Regional.V1;

namespace Regional.Node.Licenses;

/// <summary>The field names of a licence's current version, from its entry on the log.</summary>
internal static class LicenseFields
{
    public static HashSet<string> Names(ILogStore log, long logId, LicenseRow row)
    {
        var entry = LedgerEntry.Parser.ParseFrom(log.GetEntry(logId, row.DocumentLeaf)!);
        return (entry.LicenseAmended?.FieldDigests ?? entry.LicenseIssued.FieldDigests).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
    }
}

using Microsoft.Data.Sqlite;
using Regional.Node.Storage;
using Regional.V1;

namespace Regional.Node.Licenses;

/// <summary>The field names of a licence's current version, from its entry on the log.</summary>
internal static class LicenseFields
{
    public static HashSet<string> Names(SqliteConnection connection, long logId, LicenseRow row)
    {
        var entry = LedgerEntry.Parser.ParseFrom(LogStore.GetEntry(connection, logId, row.DocumentLeaf)!);
        return (entry.LicenseAmended?.FieldDigests ?? entry.LicenseIssued.FieldDigests).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
    }
}

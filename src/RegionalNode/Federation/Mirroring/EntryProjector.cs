using Microsoft.Data.Sqlite;
using Regional.Node.Catalog;
using Regional.Node.Licenses;
using Regional.V1;

namespace Regional.Node.Federation.Mirroring;

/// <summary>Derives a mirror's queryable state (licences, their history, the directory) from
/// verified entries, exactly as the issuing region derived it when it wrote them.</summary>
internal static class EntryProjector
{
    public static void Apply(SqliteConnection connection, long logId, ulong leaf, LedgerEntry entry)
    {
        switch (entry.KindCase)
        {
            case LedgerEntry.KindOneofCase.LicenseIssued:
                var issued = entry.LicenseIssued;
                LicenseStore.Upsert(connection, new LicenseRow(issued.LicenseId, logId, issued.LicenseType, issued.IssuingDepartment, LicenseStatus.Active, 1, leaf));
                LicenseStore.AddEvent(connection, issued.LicenseId, leaf, LicenseStore.Issued);
                break;
            case LedgerEntry.KindOneofCase.LicenseAmended:
                var amended = entry.LicenseAmended;
                var row = LicenseStore.Find(connection, amended.LicenseId)!;
                LicenseStore.Upsert(connection, row with { Version = amended.Version, DocumentLeaf = leaf });
                LicenseStore.AddEvent(connection, amended.LicenseId, leaf, LicenseStore.Amended);
                break;
            case LedgerEntry.KindOneofCase.LicenseStatusChanged:
                var change = entry.LicenseStatusChanged;
                LicenseStore.Upsert(connection, LicenseStore.Find(connection, change.LicenseId)! with { Status = change.Status });
                LicenseStore.AddEvent(connection, change.LicenseId, leaf, LicenseStore.StatusChanged);
                break;
            case LedgerEntry.KindOneofCase.CatalogEntry:
                CatalogStore.Upsert(connection, logId, entry.CatalogEntry.LicenseType, entry.CatalogEntry.Revision, leaf);
                break;
            case LedgerEntry.KindOneofCase.ConsentGranted:
                LicenseStore.AddEvent(connection, entry.ConsentGranted.LicenseId, leaf, LicenseStore.ConsentGranted);
                break;
            case LedgerEntry.KindOneofCase.ConsentWithdrawn:
                LicenseStore.AddEvent(connection, entry.ConsentWithdrawn.LicenseId, leaf, LicenseStore.ConsentWithdrawn);
                break;
            case LedgerEntry.KindOneofCase.AccessRecorded:
                LicenseStore.AddEvent(connection, entry.AccessRecorded.LicenseId, leaf, LicenseStore.AccessRecorded);
                break;
        }
    }
}

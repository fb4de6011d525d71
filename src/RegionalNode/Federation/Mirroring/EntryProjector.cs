using Regional.Node.Storage;
using Regional.Node.Storage.Licenses;
using Regional.V1;

namespace Regional.Node.Federation.Mirroring;

/// <summary>Derives a mirror's queryable state (licences, their history, the directory and its sharing decisions) from
/// verified entries, exactly as the issuing region derived it when it wrote them.</summary>
internal static class EntryProjector
{
    public static void Apply(IStoreSession session, long logId, ulong leaf, LedgerEntry entry)
    {
        var licenses = session.Licenses;
        switch (entry.KindCase)
        {
            case LedgerEntry.KindOneofCase.LicenseIssued:
                var issued = entry.LicenseIssued;
                licenses.Upsert(new LicenseRow(issued.LicenseId, logId, issued.LicenseType, issued.IssuingDepartment, LicenseStatus.Active, 1, leaf));
                licenses.AddEvent(issued.LicenseId, leaf, LicenseEvent.Issued);
                break;
            case LedgerEntry.KindOneofCase.LicenseAmended:
                var amended = entry.LicenseAmended;
                var row = licenses.Find(amended.LicenseId)!;
                licenses.Upsert(row with { Version = amended.Version, DocumentLeaf = leaf });
                licenses.AddEvent(amended.LicenseId, leaf, LicenseEvent.Amended);
                break;
            case LedgerEntry.KindOneofCase.LicenseStatusChanged:
                var change = entry.LicenseStatusChanged;
                licenses.Upsert(licenses.Find(change.LicenseId)! with { Status = change.Status });
                licenses.AddEvent(change.LicenseId, leaf, LicenseEvent.StatusChanged);
                break;
            case LedgerEntry.KindOneofCase.CatalogEntry:
                session.Catalog.Upsert(logId, entry.CatalogEntry.LicenseType, entry.CatalogEntry.Revision, leaf);
                break;
            case LedgerEntry.KindOneofCase.ConsentGranted:
                licenses.AddEvent(entry.ConsentGranted.LicenseId, leaf, LicenseEvent.ConsentGranted);
                break;
            case LedgerEntry.KindOneofCase.ConsentWithdrawn:
                licenses.AddEvent(entry.ConsentWithdrawn.LicenseId, leaf, LicenseEvent.ConsentWithdrawn);
                break;
            case LedgerEntry.KindOneofCase.AccessRecorded:
                licenses.AddEvent(entry.AccessRecorded.LicenseId, leaf, LicenseEvent.AccessRecorded);
                break;
            case LedgerEntry.KindOneofCase.SharingApplied:
                session.Sharing.AddApplication(logId, entry.SharingApplied, leaf);
                break;
            case LedgerEntry.KindOneofCase.SharingApproved:
                session.Sharing.AddApproval(entry.SharingApproved, leaf);
                break;
            case LedgerEntry.KindOneofCase.SharingRefused:
                session.Sharing.AddRefusal(entry.SharingRefused, leaf);
                break;
            case LedgerEntry.KindOneofCase.SharingRevoked:
                session.Sharing.AddRevocation(entry.SharingRevoked, leaf);
                break;
        }
    }
}

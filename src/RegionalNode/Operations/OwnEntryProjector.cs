using System.Globalization;
using Regional.Node.Storage;
using Regional.LicenseVerifier;
using Regional.Node.Consent;
using Regional.V1;

namespace Regional.Node.Operations;

/// <summary>
/// The state only the issuing region derives from its own entries, rebuilt for entries recovered from a
/// peer (the shared part, licences and directory, is <see cref="Federation.Mirroring.EntryProjector"/>'s):
/// the licence-number counters (so the next licence never reuses a recovered id), and the consent grants
/// with their withdrawals and uses. What the entries do not hold cannot be rebuilt: documents (values and
/// salts), the holder index, request ids for idempotent retries.
/// </summary>
internal static class OwnEntryProjector
{
    /// <summary>Applies one recovered entry; returns 1 for a licence version whose document is not held, else 0.</summary>
    public static int Apply(IStoreSession session, ulong leaf, LedgerEntry entry)
    {
        switch (entry.KindCase)
        {
            case LedgerEntry.KindOneofCase.LicenseIssued:
                AdvanceCounter(session, entry.LicenseIssued.LicenseId);
                return 1;
            case LedgerEntry.KindOneofCase.LicenseAmended:
                return 1;
            case LedgerEntry.KindOneofCase.ConsentGranted:
                session.Consent.Add(entry.ConsentGranted, leaf);
                return 0;
            case LedgerEntry.KindOneofCase.ConsentWithdrawn:
                session.Consent.MarkWithdrawn(entry.ConsentWithdrawn.GrantId);
                return 0;
            case LedgerEntry.KindOneofCase.AccessRecorded when entry.AccessRecorded.GrantId.Length > 0:
                session.Consent.AddUse(entry.AccessRecorded.GrantId);
                return 0;
            default:
                return 0;
        }
    }

    /// <summary>Licence ids are REGION-YYYY-NNNNNN from the counter "license:YYYY": keep it at least NNNNNN.</summary>
    private static void AdvanceCounter(IStoreSession session, string licenseId)
    {
        if (!LicenseId.TryParse(licenseId, out var id))
        {
            return;
        }
        session.Licenses.RaiseNumber(string.Create(CultureInfo.InvariantCulture, $"license:{id.Year}"), id.Number);
    }
}

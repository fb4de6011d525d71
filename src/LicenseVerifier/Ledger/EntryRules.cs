using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Crypto;
using Regional.V1;

namespace Regional.LicenseVerifier.Ledger;

/// <summary>What the log says about a licence so far, as a mirror knows it.</summary>
/// <param name="Status">The current status.</param>
/// <param name="Version">1 when issued, then one more per amendment.</param>
public readonly record struct LicenseState(LicenseStatus Status, uint Version);

/// <summary>Read access to the licences a log has recorded before the block being checked.</summary>
public interface ILicenseHistory
{
    /// <summary>The licence's state, or null when the log has not issued it.</summary>
    LicenseState? Find(string licenseId);
}

/// <summary>
/// The rules every entry kind must keep, checked when an entry is written and again by every
/// mirror: the sealed set of kinds, format version 1, the log's region, well-formed ids and
/// digests, the licence lifecycle (a status change or amendment names a licence the log
/// issued; revoked is final), and well-formed key rotations (the endorsement and the previous key
/// are checked against the block's checkpoint by <see cref="BlockValidator"/>).
/// </summary>
/// <remarks>Pure and thread-safe. Returns the problem as text, or null when the entry is valid.</remarks>
public static class EntryRules
{
    /// <summary>Checks one entry; <paramref name="history"/> includes the earlier entries of the same block.</summary>
    public static string? Check(LedgerEntry entry, string region, ILicenseHistory history)
    {
        if (entry.FormatVersion != 1)
        {
            return $"format_version {entry.FormatVersion}, want 1";
        }
        if (entry.Region != region)
        {
            return $"region '{entry.Region}', want '{region}'";
        }
        if (entry.RecordedAt is null || !LicenseStatusRules.IsValidTimestamp(entry.RecordedAt))
        {
            return "recorded_at missing or out of range";
        }
        return entry.KindCase switch
        {
            LedgerEntry.KindOneofCase.LicenseIssued => Issued(entry.LicenseIssued, region, history),
            LedgerEntry.KindOneofCase.LicenseAmended => Amended(entry.LicenseAmended, history),
            LedgerEntry.KindOneofCase.LicenseStatusChanged => StatusChanged(entry.LicenseStatusChanged, history),
            LedgerEntry.KindOneofCase.CatalogEntry => entry.CatalogEntry.LicenseType is null || entry.CatalogEntry.Revision == 0
                ? "catalog entry without a licence type or revision" : null,
            LedgerEntry.KindOneofCase.ConsentGranted => Known(entry.ConsentGranted.LicenseId, history, "consent grant"),
            LedgerEntry.KindOneofCase.ConsentWithdrawn => Known(entry.ConsentWithdrawn.LicenseId, history, "consent withdrawal"),
            LedgerEntry.KindOneofCase.AccessRecorded => Known(entry.AccessRecorded.LicenseId, history, "access record"),
            LedgerEntry.KindOneofCase.KeyRotated => KeyRotation.FieldProblem(entry.KeyRotated)
                ?? (entry.KeyRotated.Endorsement.IsEmpty ? "key rotation without an endorsement" : null),
            LedgerEntry.KindOneofCase.StatusRoot => entry.StatusRoot.Root.Length != Suite.HashSize
                ? $"status root of {entry.StatusRoot.Root.Length} bytes, want {Suite.HashSize}" : null,
            LedgerEntry.KindOneofCase.SharingApplied => SharingEntryRules.Applied(entry.SharingApplied),
            LedgerEntry.KindOneofCase.SharingApproved => SharingEntryRules.Approved(entry.SharingApproved),
            LedgerEntry.KindOneofCase.SharingRefused => SharingEntryRules.Decided(entry.SharingRefused.ApplicationId, entry.SharingRefused.Reason, "refusal"),
            LedgerEntry.KindOneofCase.SharingRevoked => SharingEntryRules.Decided(entry.SharingRevoked.ApplicationId, entry.SharingRevoked.Reason, "revocation"),
            _ => "no entry kind (or a kind this version does not know)",
        };
    }

    private static string? Issued(LicenseIssued issued, string region, ILicenseHistory history)
    {
        if (!LicenseId.TryParse(issued.LicenseId, out var id) || id.Region != region)
        {
            return $"licence id '{issued.LicenseId}' is not a {region} licence id";
        }
        if (history.Find(issued.LicenseId) is not null)
        {
            return $"licence {issued.LicenseId} was already issued";
        }
        if (!LicenseStatusRules.IsValidValidity(issued.Validity))
        {
            return $"licence {issued.LicenseId}: validity out of range";
        }
        return Digests(issued.FieldDigests, issued.LicenseId);
    }

    private static string? Amended(LicenseAmended amended, ILicenseHistory history)
    {
        if (history.Find(amended.LicenseId) is not { } state)
        {
            return $"amendment of {amended.LicenseId}, which this log never issued";
        }
        if (state.Status == LicenseStatus.Revoked)
        {
            return $"amendment of {amended.LicenseId}, which is revoked";
        }
        if (amended.Version != state.Version + 1)
        {
            return $"amendment of {amended.LicenseId} to version {amended.Version}, want {state.Version + 1}";
        }
        return !LicenseStatusRules.IsValidValidity(amended.Validity)
            ? $"licence {amended.LicenseId}: validity out of range"
            : Digests(amended.FieldDigests, amended.LicenseId);
    }

    private static string? StatusChanged(LicenseStatusChanged change, ILicenseHistory history)
    {
        if (history.Find(change.LicenseId) is not { } state)
        {
            return $"status change of {change.LicenseId}, which this log never issued";
        }
        return LicenseStatusRules.IsAllowedChange(state.Status, change.Status)
            ? null
            : $"status change of {change.LicenseId} from {state.Status} to {change.Status} is not allowed";
    }

    private static string? Known(string licenseId, ILicenseHistory history, string what) =>
        history.Find(licenseId) is null ? $"{what} for {licenseId}, which this log never issued" : null;

    private static string? Digests(IReadOnlyList<FieldDigest> digests, string licenseId)
    {
        for (var i = 0; i < digests.Count; i++)
        {
            if (digests[i].Digest.Length != Suite.HashSize)
            {
                return $"licence {licenseId}: digest of '{digests[i].Name}' is {digests[i].Digest.Length} bytes, want {Suite.HashSize}";
            }
            if (i > 0 && string.CompareOrdinal(digests[i - 1].Name, digests[i].Name) >= 0)
            {
                return $"licence {licenseId}: field digests are not sorted by name with no repeats";
            }
        }
        return null;
    }
}

using Regional.LicenseVerifier.Crypto;
using Regional.V1;

namespace Regional.LicenseVerifier.StatusMap;

/// <summary>
/// How a log's entries move its licence status map: an issuance adds the licence (ACTIVE, version 1),
/// an amendment sets the version and validity end, a status change the status; each records its own
/// leaf index. The sealer and every mirror run the same code, so they reach the same root.
/// </summary>
/// <remarks>Pure; the caller stores what <see cref="StatusMapUpdate.Commit"/> returns.</remarks>
public static class LicenseStatusMap
{
    /// <summary>Applies a licence entry at a leaf; entries of other kinds change nothing.</summary>
    /// <exception cref="InvalidOperationException">An amendment or status change of a licence the map
    /// does not hold (<see cref="Ledger.EntryRules"/> refuses such entries first).</exception>
    public static void Apply(Suite suite, StatusMapUpdate update, ulong leafIndex, LedgerEntry entry)
    {
        switch (entry.KindCase)
        {
            case LedgerEntry.KindOneofCase.LicenseIssued:
                var issued = entry.LicenseIssued;
                Set(suite, update, new StatusMapEntry
                {
                    LicenseId = issued.LicenseId,
                    Status = LicenseStatus.Active,
                    Version = 1,
                    LeafIndex = leafIndex,
                    NotAfter = issued.Validity?.NotAfter,
                });
                break;
            case LedgerEntry.KindOneofCase.LicenseAmended:
                var amended = entry.LicenseAmended;
                var before = Current(suite, update, amended.LicenseId);
                Set(suite, update, new StatusMapEntry(before)
                {
                    Version = amended.Version,
                    LeafIndex = leafIndex,
                    NotAfter = amended.Validity?.NotAfter,
                });
                break;
            case LedgerEntry.KindOneofCase.LicenseStatusChanged:
                var change = entry.LicenseStatusChanged;
                var current = Current(suite, update, change.LicenseId);
                Set(suite, update, new StatusMapEntry(current) { Status = change.Status, LeafIndex = leafIndex });
                break;
        }
    }

    /// <summary>The map entry a licence has in an update (or its source), or null.</summary>
    public static StatusMapEntry? Find(Suite suite, StatusMapUpdate update, string licenseId) =>
        update.Get(StatusMapHashing.Key(suite, licenseId)) is { } value ? StatusMapHashing.Decode(value) : null;

    /// <summary>The map entry a licence has in a map version, with its proof.</summary>
    public static (StatusMapEntry? Entry, StatusMapProof Proof) Prove(Suite suite, IStatusMapSource source, string licenseId)
    {
        var proof = StatusMapProof.Build(source, StatusMapHashing.Key(suite, licenseId)).ForWire(suite);
        return (proof.Value is { } value ? StatusMapHashing.Decode(value) : null, proof);
    }

    private static StatusMapEntry Current(Suite suite, StatusMapUpdate update, string licenseId) =>
        Find(suite, update, licenseId) ?? throw new InvalidOperationException($"the status map holds no licence {licenseId}");

    private static void Set(Suite suite, StatusMapUpdate update, StatusMapEntry entry) =>
        update.Set(StatusMapHashing.Key(suite, entry.LicenseId), StatusMapHashing.Encode(entry));
}

using Regional.LicenseVerifier.Crypto;
using Regional.V1;

namespace Regional.Vectors;

/// <summary>A Beijing log holding the vectors' licence among other entries: another licence issued in an
/// earlier block, then the licence, its status changes and an optional amendment, each followed by an
/// unrelated entry, a status change of the other licence, and the block's StatusRoot as the last leaf.</summary>
internal sealed class BundleHistory
{
    public static readonly DateTimeOffset EarlierBlock = new(2026, 6, 1, 7, 50, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset BlockTime = new(2026, 6, 1, 7, 58, 0, TimeSpan.Zero);
    public const ulong CosignedAt = 1_780_300_740; // 2026-06-01T07:59:00Z

    public BundleHistory(VectorFederation federation, Validity validity, LicenseStatus[] statuses, bool amend = false)
    {
        Federation = federation;
        var suite = federation.Suite;
        Log = new VectorLog(suite, "bj", federation.Log("bj"));
        License = new VectorLicense(suite, "BJ-2026-000123", validity);
        var other = new VectorLicense(suite, "BJ-2026-000122", VectorLicense.Years(2025, null));
        Log.Append(VectorLicense.Filler(1));
        Log.Append(other.Entry());
        Log.Seal(EarlierBlock);
        LicenseLeaf = Log.Append(License.Entry());
        Log.Append(VectorLicense.Filler(2));
        var leaves = new List<ulong>();
        foreach (var status in statuses)
        {
            var reason = status == LicenseStatus.Active ? StatusReason.ComplianceRestored : StatusReason.Compliance;
            leaves.Add(Log.Append(License.StatusChanged(status, reason)));
            Log.Append(VectorLicense.Filler(3 + leaves.Count));
        }
        StatusLeaves = [.. leaves];
        if (amend)
        {
            Amended = new VectorLicense(suite, License.LicenseId, validity, 2, "北京市海淀区示例路2号");
            AmendedLeaf = Log.Append(Amended.Entry());
            Log.Append(VectorLicense.Filler(20));
        }
        OtherStatusLeaf = Log.Append(other.StatusChanged(LicenseStatus.Suspended, StatusReason.HolderRequest));
        Log.Append(VectorLicense.Filler(99));
        Log.Seal(BlockTime);
    }

    public VectorFederation Federation { get; }

    public VectorLog Log { get; }

    public VectorLicense License { get; }

    public ulong LicenseLeaf { get; }

    public ulong[] StatusLeaves { get; }

    public VectorLicense? Amended { get; }

    public ulong AmendedLeaf { get; }

    /// <summary>A status change of the other licence, for bundles that slip in another licence's entry.</summary>
    public ulong OtherStatusLeaf { get; }

    /// <summary>The checkpoint signed by Beijing's log key and cosigned by Tianjin's and Hebei's witnesses.</summary>
    public string CosignedNote() => Log.SignedNote(
        Federation.Witness("tj").Cosign(Log.Body(), CosignedAt),
        Federation.Witness("he").Cosign(Log.Body(), CosignedAt + 5));

    /// <summary>The licence's bundle with every status entry, against <paramref name="note"/> (the cosigned checkpoint by default).</summary>
    public ProofBundle Bundle(string? note = null) =>
        Log.Bundle(LicenseLeaf, License.LicenseId, note ?? CosignedNote(), StatusLeaves);

    public Suite Suite => Federation.Suite;
}

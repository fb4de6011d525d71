using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.V1;

namespace Regional.LicenseVerifier.Tests.Bundles;

/// <summary>
/// Shared arrangement of the bundle tests, run once per suite by each subclass: Beijing's log
/// holds the licence among unrelated entries, then its status changes, each followed by filler,
/// so that proofs cross incomplete right-border subtrees. The block closes (with its StatusRoot
/// entry, the last leaf) when the checkpoint is signed.
/// </summary>
public abstract class BundleFixture(string suiteName)
{
    protected static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    protected static readonly DateTimeOffset CosignedAt = new(2026, 6, 1, 7, 59, 0, TimeSpan.Zero);

    /// <summary>The checks passed before the issuer signature, and before the quorum.</summary>
    protected static readonly string[] WellFormed = ["checkpoint well formed"];
    protected static readonly string[] IssuerSigned = ["checkpoint well formed", "issuer signature of bj"];

    protected Suite Suite { get; } = Suite.FromName(suiteName)!;

    internal TestFederation Federation => TestFederation.For(Suite);

    /// <summary>A log with the licence issued, then the given status changes; returns the leaves.</summary>
    internal (TestLog Log, ulong License, ulong[] Statuses) History(params LicenseStatus[] statuses)
    {
        var log = Federation.NewLog("bj");
        log.Append(LicenseEntries.Filler(1));
        log.Append(LicenseEntries.Filler(2));
        var license = log.Append(LicenseEntries.Issued(Suite));
        log.Append(LicenseEntries.Filler(3));
        var leaves = new List<ulong>();
        foreach (var status in statuses)
        {
            leaves.Add(log.Append(LicenseEntries.StatusChanged(status)));
            log.Append(LicenseEntries.Filler(4 + leaves.Count));
        }
        log.Append(LicenseEntries.Filler(99));
        return (log, license, [.. leaves]);
    }

    /// <summary>A bundle of the licence and all its status entries, cosigned by Tianjin's witness.</summary>
    internal ProofBundle Bundle(params LicenseStatus[] statuses)
    {
        var (log, license, leaves) = History(statuses);
        return log.Bundle(license, log.Sign(CosignedAt, Federation.Witness("tj")), leaves);
    }

    internal BundleCheck Verify(ProofBundle bundle, int quorum = 1, IReadOnlyList<DisclosedField>? disclosed = null, DateTimeOffset? now = null, TimeSpan? maxStatusAge = null) =>
        BundleVerifier.Verify(bundle, Federation.Policy(quorum), now ?? Now, disclosed, maxStatusAge);

    /// <summary>Asserts the failure, and that a failed check reports no status or licence.</summary>
    internal static void AssertFails(BundleCheck check, BundleFailure failure)
    {
        Assert.Multiple(() =>
        {
            Assert.That(check.Failure, Is.EqualTo(failure), check.Detail);
            Assert.That(check.IsValid, Is.False);
            Assert.That(check.Status, Is.EqualTo(VerificationStatus.Unknown));
            Assert.That(check.Detail, Is.Not.Empty);
        });
    }

    internal static SignedNote Note(ProofBundle bundle) => SignedNote.Parse(bundle.Checkpoint).Value!;
}

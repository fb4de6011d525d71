using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Notes;
using Regional.Node.Tests.Licenses;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Node.Tests.Federation;

/// <summary>Three real nodes, quorum 1: each region's checkpoints collect the others' cosignatures,
/// and a mirror's proof bundle stands alone offline under the trust file's policy.</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public class WitnessingTests(string storage)
{
    [Test]
    public async Task GetCheckpoint_AfterIssuanceInBj_CarriesValidPeerCosignature()
    {
        // Arrange
        await using var federation = await TestFederation.StartOnAsync(storage);
        var bj = new LicenseClient(federation["bj"].Channel);
        var issued = await bj.IssueAsync();
        var trust = Witnessing.Trust(federation);
        var log = trust.Policy.FindByOrigin("regional.example/bj")!;

        // Act
        var checkpoint = await Eventually.UntilAsync(
            async () => (await bj.Ledger.GetCheckpointAsync(new GetCheckpointRequest())).Checkpoint,
            c => c.TreeSize > issued.Receipt.LeafIndex && CosignersOf(c.Note, trust.Policy, log).Count >= 1);

        // Assert
        Assert.That(checkpoint.TreeSize, Is.GreaterThan(issued.Receipt.LeafIndex));
        Assert.That(CosignersOf(checkpoint.Note, trust.Policy, log), Is.SubsetOf(new[] { "regional.example/tj/witness", "regional.example/he/witness" }).And.Not.Empty);
    }

    [Test]
    public async Task VerifyLicense_OnTjForBjLicence_BundleVerifiesOfflineWithQuorumOne()
    {
        // Arrange
        await using var federation = await TestFederation.StartOnAsync(storage);
        var issued = await new LicenseClient(federation["bj"].Channel).IssueAsync();
        var policy = Witnessing.Trust(federation).Policy;
        var tj = new LicenseClient(federation["tj"].Channel);

        // Act
        var answer = await Eventually.UntilAsync(
            () => tj.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = issued.LicenseId }).ResponseAsync,
            r => r.Status == VerificationStatus.Valid && BundleVerifier.Verify(r.Proof, policy, DateTimeOffset.UtcNow).Failure == BundleFailure.None);
        var check = BundleVerifier.Verify(answer.Proof, policy, DateTimeOffset.UtcNow);

        // Assert
        Assert.That(policy.WitnessQuorum, Is.EqualTo(1));
        Assert.That(answer.Status, Is.EqualTo(VerificationStatus.Valid), answer.Detail);
        Assert.That(check.Failure, Is.EqualTo(BundleFailure.None), check.Detail);
        Assert.That(check.Status, Is.EqualTo(VerificationStatus.Valid));
        Assert.That(check.Cosignatures, Is.Not.Empty);
        Assert.That(answer.Detail, Does.Contain("mirror of bj"));
    }

    [Test]
    public async Task VerifyLicense_OnBjOwnLicence_BundleCarriesPeerCosignatures()
    {
        // Arrange
        await using var federation = await TestFederation.StartOnAsync(storage);
        var bj = new LicenseClient(federation["bj"].Channel);
        var issued = await bj.IssueAsync();
        var policy = Witnessing.Trust(federation).Policy;

        // Act
        var answer = await Eventually.UntilAsync(
            () => bj.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = issued.LicenseId }).ResponseAsync,
            r => BundleVerifier.Verify(r.Proof, policy, DateTimeOffset.UtcNow).Failure == BundleFailure.None);

        // Assert
        var check = BundleVerifier.Verify(answer.Proof, policy, DateTimeOffset.UtcNow);
        Assert.That(check.Failure, Is.EqualTo(BundleFailure.None), check.Detail);
        Assert.That(answer.Proof.TreeSize, Is.GreaterThan(issued.Receipt.LeafIndex));
        Assert.That(answer.Detail, Does.Not.Contain("does not stand alone"));
    }

    private static List<string> CosignersOf(string note, TrustPolicy policy, TrustedLog log) =>
        [.. NoteVerification.VerifyCosignatures(SignedNote.Parse(note).Value!, policy.WitnessesFor(log)).Verified.Select(c => c.Name)];
}

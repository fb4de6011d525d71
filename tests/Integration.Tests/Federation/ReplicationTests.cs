using Regional.Integration.Tests.Support;
using Regional.LicenseVerifier.Bundles;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Integration.Tests.Federation;

/// <summary>Three real nodes (bj, tj, he) with mutual TLS and one trust file: what one region issues or
/// revokes is answered by the other two from their mirrors within seconds, with a bundle that a relying
/// party checks offline with the trust file alone.</summary>
[NonParallelizable]
[TestFixture("sqlite")]
[TestFixture("postgres")]
public class ReplicationTests(string storage)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(2);
    private TestFederation _federation = null!;

    [OneTimeSetUp]
    public async Task StartFederation() => _federation = await TestFederation.StartOnAsync(storage, witnessQuorum: 1);

    [OneTimeTearDown]
    public async Task StopFederation() => await _federation.DisposeAsync();

    private NodeClient Client(string region) => new(_federation[region].Channel, region);

    [Test]
    public async Task IssueInBj_VerifyOnTjAndHe_ValidWithinTwoSecondsAndBundleVerifiesOffline()
    {
        var issued = await Client("bj").IssueAsync();
        var policy = RelyingParty.PolicyFromTrustFile(_federation.TrustFilePath); // the file's quorum: one cosignature

        // Within two seconds: VALID, and the bundle carries the cosignature the policy wants.
        var answers = await Task.WhenAll(new[] { "tj", "he" }.Select(region =>
            Eventually.UntilAsync(() => Client(region).VerifyAsync(issued.LicenseId),
                r => r.Status == VerificationStatus.Valid && BundleVerifier.Verify(r.Proof, policy, DateTimeOffset.UtcNow).IsValid, Within)));

        Assert.That(policy.WitnessQuorum, Is.EqualTo(1));
        foreach (var (answer, elapsed) in answers)
        {
            Assert.That(answer.Status, Is.EqualTo(VerificationStatus.Valid), $"after {elapsed.TotalMilliseconds:F0} ms: {answer.Detail}");
            Assert.That(answer.IssuingRegion, Is.EqualTo("bj"));
            var check = BundleVerifier.Verify(answer.Proof, policy, DateTimeOffset.UtcNow);
            Assert.That(check.IsValid, Is.True, $"{check.Failure}: {check.Detail}");
            Assert.That(check.Status, Is.EqualTo(VerificationStatus.Valid));
            Assert.That(check.LicenseId, Is.EqualTo(issued.LicenseId));
            Assert.That(check.Region, Is.EqualTo("bj"));
        }
    }

    [Test]
    public async Task RevokeInBj_VerifyOnTjAndHe_RevokedWithinTwoSeconds()
    {
        var bj = Client("bj");
        var issued = await bj.IssueAsync();
        await Task.WhenAll(new[] { "tj", "he" }.Select(region =>
            Eventually.UntilAsync(() => Client(region).VerifyAsync(issued.LicenseId), r => r.Status == VerificationStatus.Valid, TimeSpan.FromSeconds(10))));

        await bj.RevokeAsync(issued.LicenseId);
        var policy = RelyingParty.PolicyFromTrustFile(_federation.TrustFilePath); // the file's quorum: one cosignature
        var answers = await Task.WhenAll(new[] { "tj", "he" }.Select(region =>
            Eventually.UntilAsync(() => Client(region).VerifyAsync(issued.LicenseId),
                r => r.Status == VerificationStatus.Revoked && BundleVerifier.Verify(r.Proof, policy, DateTimeOffset.UtcNow).Status == VerificationStatus.Revoked, Within)));
        foreach (var (answer, elapsed) in answers)
        {
            Assert.That(answer.Status, Is.EqualTo(VerificationStatus.Revoked), $"after {elapsed.TotalMilliseconds:F0} ms: {answer.Detail}");
            var check = BundleVerifier.Verify(answer.Proof, policy, DateTimeOffset.UtcNow);
            Assert.That(check.Status, Is.EqualTo(VerificationStatus.Revoked), $"{check.Failure}: {check.Detail}");
            Assert.That(answer.Proof.StatusEntries, Has.Count.EqualTo(1));
        }
    }
}

using Regional.LicenseVerifier.Bundles;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Node.Tests.Licenses;

/// <summary>
/// Verify answers reuse proof parts built before (docs/benchmarks.md, issue 15). These tests hold the cache to
/// its promise: a licence whose status changed is never answered from its old proof, online or offline.
/// </summary>
[TestFixture("gm", "sqlite")]
[TestFixture("intl", "sqlite")]
[TestFixture("gm", "postgres")]
public class ProofCacheTests(string suite, string storage) : SingleNodeFixture("bj", suite, storage)
{
    [Test]
    public async Task VerifyLicense_AnsweredValidThenRevoked_RevokedOnlineOfflineAndInItsStatusProof()
    {
        // Arrange: the same licence answered twice, so its proof is cached.
        var issued = await Client.IssueAsync();
        var first = await VerifyAsync(issued.LicenseId);
        var again = await VerifyAsync(issued.LicenseId);

        // Act
        await Client.ChangeStatusAsync(issued.LicenseId, LicenseStatus.Revoked);
        var revoked = await VerifyAsync(issued.LicenseId);
        var refreshed = await Client.Licenses.GetStatusProofAsync(new GetStatusProofRequest { LicenseId = issued.LicenseId });
        var policy = await Client.TrustPolicyAsync(SuiteName);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(first.Status, Is.EqualTo(VerificationStatus.Valid));
            Assert.That(again.Proof, Is.EqualTo(first.Proof), "nothing changed: the same proof");
            Assert.That(revoked.Status, Is.EqualTo(VerificationStatus.Revoked));
            Assert.That(revoked.Proof.StatusEntries, Has.Count.EqualTo(1), "the revocation is proved");
            Assert.That(revoked.Proof.StatusProof.Entry.Status, Is.EqualTo(LicenseStatus.Revoked), "the status map says revoked");
            Assert.That(BundleVerifier.Verify(revoked.Proof, policy, Clock.GetUtcNow()).Status, Is.EqualTo(VerificationStatus.Revoked));
            Assert.That(BundleVerifier.Verify(refreshed.Proof, policy, Clock.GetUtcNow()).Status, Is.EqualTo(VerificationStatus.Revoked));
        });
    }

    [Test]
    public async Task VerifyLicense_SuspendedAfterACachedAnswerThenReinstated_EachAnswerTellsTheStatusOfItsTime()
    {
        // Arrange
        var issued = await Client.IssueAsync();
        var policy = await Client.TrustPolicyAsync(SuiteName);
        var answers = new List<VerifyLicenseResponse> { await VerifyAsync(issued.LicenseId) };

        // Act: each change follows a cached answer.
        await Client.ChangeStatusAsync(issued.LicenseId, LicenseStatus.Suspended);
        answers.Add(await VerifyAsync(issued.LicenseId));
        answers.Add(await VerifyAsync(issued.LicenseId));
        await Client.ChangeStatusAsync(issued.LicenseId, LicenseStatus.Active);
        answers.Add(await VerifyAsync(issued.LicenseId));

        // Assert
        var expected = new[] { VerificationStatus.Valid, VerificationStatus.Suspended, VerificationStatus.Suspended, VerificationStatus.Valid };
        Assert.That(answers.Select(a => a.Status), Is.EqualTo(expected));
        Assert.That(answers.Select(a => BundleVerifier.Verify(a.Proof, policy, Clock.GetUtcNow()).Status), Is.EqualTo(expected), "offline too");
    }

    private async Task<VerifyLicenseResponse> VerifyAsync(string licenseId) =>
        await Client.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = licenseId });
}

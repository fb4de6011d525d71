using Microsoft.Extensions.DependencyInjection;
using Regional.Node.Federation.Mirroring;
using Regional.Node.Federation.Witnessing;
using Regional.Node.Tests.Licenses;
using Regional.Node.Tests.Support;
using Regional.V1;
using Regional.Node.Ledger;

namespace Regional.Node.Tests.Federation;

/// <summary>A mirror's answers say how fresh they are, from the issuer's newest checkpoint when the
/// issuer answers, and from the mirror alone when it does not.</summary>
public class FreshnessTests
{
    [Test]
    public async Task VerifyLicense_IssuerUp_DetailSaysUpToDateAndStatusHasNoLag()
    {
        // Arrange
        await using var federation = await TestFederation.StartAsync(regions: ["bj", "tj"]);
        var (issued, size) = await EquivocationTests.IssueAndWitnessAsync(federation);
        var tj = new LicenseClient(federation["tj"].Channel);

        // Act
        var view = await federation["tj"].Services.GetRequiredService<IssuerFreshness>()
            .CheckNowAsync(federation["tj"].Services.GetRequiredService<MirrorSet>().ByRegion("bj")!);
        var answer = await Eventually.UntilAsync(
            () => tj.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = issued.LicenseId }).ResponseAsync,
            r => r.Detail.Contains("up to date with the issuer", StringComparison.Ordinal));

        // Assert
        Assert.That(view.Problem, Is.Null);
        Assert.That(view.IssuerSize, Is.EqualTo(size));
        Assert.That(answer.Status, Is.EqualTo(VerificationStatus.Valid));
        Assert.That(answer.Detail, Does.Contain($"mirror of bj at size {size}").And.Contain($"up to date with the issuer's newest checkpoint (size {size}"));
        var mirror = (await tj.Ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest())).Mirrors.Single(m => m.Region == "bj");
        Assert.That(mirror.LagEntries, Is.Zero);
        Assert.That(mirror.Cosignatures, Is.GreaterThanOrEqualTo(1u));
    }

    [Test]
    public async Task VerifyLicense_IssuerDown_ValidFromMirrorWithFreshnessDetail()
    {
        // Arrange
        await using var federation = await TestFederation.StartAsync(regions: ["bj", "tj"]);
        var (issued, size) = await EquivocationTests.IssueAndWitnessAsync(federation);
        var tj = new LicenseClient(federation["tj"].Channel);
        await federation["bj"].StopAsync();

        // Act
        var answers = new List<VerifyLicenseResponse>();
        var last = await Eventually.UntilAsync(
            async () =>
            {
                var answer = await tj.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = issued.LicenseId });
                answers.Add(answer);
                return answer;
            },
            r => r.Detail.Contains("the issuer could not be checked", StringComparison.Ordinal));

        // Assert
        Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(VerificationStatus.Valid));
        Assert.That(last.Detail, Does.Contain($"answered from this node's mirror of bj at size {size}, checkpoint sealed")
            .And.Contain("the issuer could not be checked"));
        Assert.That(last.CheckpointSize, Is.EqualTo(size));
    }
}

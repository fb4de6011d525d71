using Regional.LicenseVerifier.Bundles;
using Regional.Node.Tests.Licenses;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Node.Tests.Federation;

/// <summary>Three real nodes with mutual TLS: each mirrors the others and answers for their licences.</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public class MirroringTests(string storage)
{
    [Test]
    public async Task IssueInBj_VerifyOnTjAndHe_ValidFromTheirMirrors()
    {
        await using var federation = await TestFederation.StartOnAsync(storage, witnessQuorum: 0);
        var bj = new LicenseClient(federation["bj"].Channel);

        var issued = await bj.IssueAsync();
        var answers = new Dictionary<string, VerifyLicenseResponse>();
        foreach (var region in new[] { "tj", "he" })
        {
            answers[region] = await Eventually.UntilAsync(
                () => new LicenseClient(federation[region].Channel).Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = issued.LicenseId }).ResponseAsync,
                r => r.Status == VerificationStatus.Valid);
        }

        var status = await new LicenseClient(federation["tj"].Channel).Ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest());
        Assert.That(status.Mirrors.Select(m => m.Region), Is.EquivalentTo(new[] { "bj", "he" }));
        Assert.That(status.Mirrors.Single(m => m.Region == "bj").TreeSize, Is.GreaterThan(issued.Receipt.LeafIndex));
        foreach (var (region, answer) in answers)
        {
            Assert.That(answer.Status, Is.EqualTo(VerificationStatus.Valid), region);
            Assert.That(answer.IssuingRegion, Is.EqualTo("bj"));
            Assert.That(answer.Proof.Origin, Is.EqualTo("regional.example/bj"));
        }
    }

}

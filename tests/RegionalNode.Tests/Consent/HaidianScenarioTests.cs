using Grpc.Core;
using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Notes;
using Regional.Node.Consent;
using Regional.Node.Errors;
using Regional.V1;

using Regional.Node.Tests.Support;

namespace Regional.Node.Tests.Consent;

/// <summary>A flat is sold in Haidian: bj issues the real-estate certificate, the buyer grants the power
/// company in Tianjin owner and location for the electricity account transfer, the clerk in tj downloads
/// exactly those, verifies them, and bj's history shows the access.</summary>
public class HaidianScenarioTests
{
    private ConsentFederation _consent = null!;
    private string _licenseId = null!;
    private GrantConsentResponse _grant = null!;
    private DownloadLicenseResponse _download = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _consent = await ConsentFederation.StartAsync();
        _licenseId = await _consent.IssuePropertyAsync();
        _grant = await _consent.GrantAsync(_licenseId);
        _download = await _consent.DownloadAtTjAsync(_licenseId, _grant.Grant.GrantId);
    }

    [OneTimeTearDown]
    public async Task Stop() => await _consent.DisposeAsync();

    [Test]
    public void GrantConsent_HolderApp_TokenIsANoteSignedByBj()
    {
        Assert.That(_grant.Token, Does.StartWith(ConsentToken.Header + "\n"));
        Assert.That(_grant.Token, Does.Contain($"grant {_grant.Grant.GrantId}\n").And.Contain("relying tj-power\n").And.Contain("fields location,owner_name\n"));
        var bjKey = _consent.Federation.Policy(witnessQuorum: 0).Logs.Single(l => l.Region == "bj").IssuerKeys[0];
        var check = NoteVerification.VerifyIssuer(SignedNote.Parse(_grant.Token).Value!, bjKey);
        Assert.That(check.Failure, Is.EqualTo(NoteFailure.None), check.Detail);
        Assert.That(_grant.Token, Does.Not.Contain(ConsentFederation.OwnerName));
    }

    [Test]
    public async Task DownloadLicense_UnderTheGrantAtTj_OnlyTheGrantedFieldsAndTheyVerify()
    {
        var fields = _download.Document.Fields;
        var online = await _consent.TjPowerClerk.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = _licenseId, Disclosed = { fields } });
        var offline = BundleVerifier.Verify(_download.Proof, _consent.Federation.Policy(witnessQuorum: 0), DateTimeOffset.UtcNow, [.. fields]);

        Assert.That(fields.Select(f => f.Name).Order(), Is.EqualTo(new[] { "location", "owner_name" }));
        Assert.That(fields.Single(f => f.Name == "owner_name").Value, Is.EqualTo(ConsentFederation.OwnerName));
        Assert.That(online.Status, Is.EqualTo(VerificationStatus.Valid), online.Detail);
        Assert.That(online.FieldChecks.All(c => c.Matches), Is.True);
        Assert.That(offline.Status, Is.EqualTo(VerificationStatus.Valid), offline.Detail);
        Assert.That(offline.Fields.Count, Is.EqualTo(2));
    }

    [Test]
    public async Task GetLicense_AtBjAfterTheDownload_HistoryRecordsTheAccess()
    {
        using var auditorChannel = _consent.Federation["bj"].CreateChannel(_consent.Federation.Ca.IssueClient("bj", "bj-audit", "auditor"));

        var license = await new LicenseService.LicenseServiceClient(auditorChannel).GetLicenseAsync(new GetLicenseRequest { LicenseId = _licenseId });
        var access = license.History.Where(h => h.Kind == "access_recorded").Select(h => LedgerEntry.Parser.ParseFrom(h.Entry).AccessRecorded).Single();

        Assert.That(license.History.Select(h => h.Kind), Does.Contain("consent_granted"));
        Assert.That(access.RelyingDepartment, Is.EqualTo("tj-power"));
        Assert.That(access.Kind, Is.EqualTo(AccessKind.Download));
        Assert.That(access.MatterCode, Is.EqualTo(ConsentFederation.Matter));
        Assert.That(access.Place, Is.EqualTo(ConsentFederation.Place));
        Assert.That(access.RequestingRegion, Is.EqualTo("tj"));
        Assert.That(access.Clerk, Does.Contain("tj-power"));
        Assert.That(access.GrantId, Is.EqualTo(_grant.Grant.GrantId));
        Assert.That(access.FieldsSeen.Order(), Is.EqualTo(new[] { "location", "owner_name" }));
        Assert.That(access.AccessedAt.ToDateTimeOffset(), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(2)));
    }

    [Test]
    public async Task ListConsents_AfterTheDownload_TheSingleUseGrantIsUsed()
    {
        var list = await _consent.HolderApp.ListConsentsAsync(new ListConsentsRequest { LicenseId = _licenseId, HolderId = ConsentFederation.OwnerId });

        Assert.That(list.Consents.Single(c => c.Grant.GrantId == _grant.Grant.GrantId).Uses, Is.EqualTo(1u));
    }

    [Test]
    public void DownloadLicense_SingleUseGrantAgain_RefusedAsUsed()
    {
        var error = Assert.ThrowsAsync<RpcException>(() => _consent.DownloadAtTjAsync(_licenseId, _grant.Grant.GrantId));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(error.ErrorInfo()!.Reason, Is.EqualTo("GRANT_USED"));
    }

    [Test]
    public async Task DataFolders_AfterIssueAndDownload_NoNameOrIdNumberInClear()
    {
        string[] secrets = [ConsentFederation.OwnerName, ConsentFederation.OwnerId, ConsentFederation.Location];
        // he has mirrored bj's log (the licence's entries, grant and access record) before it is read.
        var bjSize = (await new LedgerService.LedgerServiceClient(_consent.Federation["bj"].Channel).GetLedgerStatusAsync(new GetLedgerStatusRequest())).OwnLog.TreeSize;
        var heMirror = await Eventually.UntilAsync(
            async () => (await new LedgerService.LedgerServiceClient(_consent.Federation["he"].Channel).GetLedgerStatusAsync(new GetLedgerStatusRequest())).Mirrors.Single(m => m.Region == "bj").TreeSize,
            size => size >= bjSize);
        Assert.That(heMirror, Is.GreaterThanOrEqualTo(bjSize));

        var leaks = from region in new[] { "bj", "tj", "he" }
                    from file in Directory.GetFiles(_consent.Federation[region].DataDirectory, "*", SearchOption.AllDirectories)
                    let bytes = ReadShared(file)
                    from secret in secrets
                    where bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(secret)) >= 0
                    select $"{region}: {Path.GetFileName(file)} holds '{secret}'";

        Assert.That(leaks.ToList(), Is.Empty);
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

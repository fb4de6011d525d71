using Grpc.Core;
using Regional.Node.Errors;
using Regional.Node.Tests.Licenses;
using Regional.V1;

namespace Regional.Node.Tests.Consent;

/// <summary>Every way an access is refused, each with its reason: the grant (none, expired, withdrawn,
/// someone else's, a field outside it), the directory (not shared) and the caller's role.</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public class RefusalTests(string storage)
{
    private ConsentFederation _consent = null!;
    private string _licenseId = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _consent = await ConsentFederation.StartAsync(storage: storage);
        _licenseId = await _consent.IssuePropertyAsync();
    }

    [OneTimeTearDown]
    public async Task Stop() => await _consent.DisposeAsync();

    [Test]
    public void DownloadLicense_NoGrant_RefusedNoGrant() =>
        AssertRefused(() => _consent.DownloadAtTjAsync(_licenseId, ""), StatusCode.PermissionDenied, "NO_GRANT");

    [Test]
    public async Task DownloadLicense_ExpiredGrant_RefusedExpired()
    {
        var grant = await _consent.GrantAsync(_licenseId, lifetime: TimeSpan.FromSeconds(1));
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        AssertRefused(() => _consent.DownloadAtTjAsync(_licenseId, grant.Grant.GrantId), StatusCode.PermissionDenied, "GRANT_EXPIRED");
    }

    [Test]
    public async Task DownloadLicense_WithdrawnGrant_RefusedWithdrawn()
    {
        var grant = await _consent.GrantAsync(_licenseId, singleUse: false);
        await _consent.HolderApp.WithdrawConsentAsync(new WithdrawConsentRequest { GrantId = grant.Grant.GrantId, HolderId = ConsentFederation.OwnerId });

        AssertRefused(() => _consent.DownloadAtTjAsync(_licenseId, grant.Grant.GrantId), StatusCode.PermissionDenied, "GRANT_WITHDRAWN");
    }

    [Test]
    public async Task DownloadLicense_GrantToAnotherDepartment_RefusedWrongRelyingParty()
    {
        var grant = await _consent.GrantAsync(_licenseId, relying: "tj-housing");

        AssertRefused(() => _consent.DownloadAtTjAsync(_licenseId, grant.Grant.GrantId), StatusCode.PermissionDenied, "WRONG_RELYING_PARTY");
    }

    [Test]
    public async Task DownloadLicense_FieldOutsideTheGrant_RefusedFieldNotGranted()
    {
        var grant = await _consent.GrantAsync(_licenseId);

        AssertRefused(() => _consent.DownloadAtTjAsync(_licenseId, grant.Grant.GrantId, "owner_id_number"), StatusCode.PermissionDenied, "FIELD_NOT_GRANTED");
    }

    [Test]
    public async Task DownloadLicense_NotSharedType_RefusedNotShared()
    {
        var bj = new LicenseClient(_consent.Federation["bj"].Channel);
        var type = (await bj.Catalog.GetLicenseTypeAsync(new GetLicenseTypeRequest { Code = "business-licence" })).LicenseType.Clone();
        type.Code = "internal-inspection-record";
        type.Sharing = new SharingPolicy { SharingClass = SharingClass.NotShared };
        await bj.Catalog.RegisterLicenseTypeAsync(new RegisterLicenseTypeRequest { LicenseType = type });
        var request = LicenseClient.BusinessLicence(holder: "91110108MA0NOTSHR1");
        request.LicenseType = type.Code;
        var issued = await bj.IssueAsync(request);
        await _consent.WaitForMirrorAsync(issued.LicenseId);

        AssertRefused(() => _consent.DownloadAtTjAsync(issued.LicenseId, ""), StatusCode.PermissionDenied, "NOT_SHARED");
    }

    [Test]
    public void GrantConsent_AuditorRole_PermissionDenied()
    {
        var auditor = new ConsentService.ConsentServiceClient(_consent.Channel("bj", "bj", "bj-audit", "auditor"));

        AssertRefused(() => auditor.GrantConsentAsync(new GrantConsentRequest { LicenseId = _licenseId }).ResponseAsync, StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED");
    }

    [Test]
    public void IssueLicense_ClerkRole_PermissionDenied()
    {
        var clerk = new LicenseService.LicenseServiceClient(_consent.Channel("bj", "bj", "bj-samr", "clerk"));

        AssertRefused(() => clerk.IssueLicenseAsync(LicenseClient.BusinessLicence()).ResponseAsync, StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED");
    }

    [Test]
    public void IssueLicense_IssuerOfAnotherDepartment_PermissionDenied()
    {
        var issuer = new LicenseService.LicenseServiceClient(_consent.Channel("bj", "bj", "bj-transport", "issuer"));

        AssertRefused(() => issuer.IssueLicenseAsync(LicenseClient.BusinessLicence()).ResponseAsync, StatusCode.PermissionDenied, "WRONG_DEPARTMENT");
    }

    [Test]
    public void GetLicense_NoClientCertificate_Unauthenticated()
    {
        using var anonymous = _consent.Federation["bj"].CreateChannel();

        AssertRefused(() => new LicenseService.LicenseServiceClient(anonymous).GetLicenseAsync(new GetLicenseRequest { LicenseId = _licenseId }).ResponseAsync,
            StatusCode.Unauthenticated, "CLIENT_CERTIFICATE_REQUIRED");
    }

    private static void AssertRefused(Func<Task> call, StatusCode code, string reason)
    {
        var error = Assert.ThrowsAsync<RpcException>(async () => await call());

        Assert.That(error!.StatusCode, Is.EqualTo(code), error.Status.Detail);
        Assert.That(error.ErrorInfo()!.Reason, Is.EqualTo(reason), error.Status.Detail);
    }
}

using Grpc.Core;
using Regional.Node.Errors;
using Regional.Node.Tests.Federation;
using Regional.V1;

using Regional.Node.Tests.Support;

namespace Regional.Node.Tests.Consent;

/// <summary>A clerk in tj types values from paper: the check is relayed to bj, which holds the salts,
/// answers match or mismatch per field, and records the access; the audit reads from either region.</summary>
public class FactCheckTests
{
    private ConsentFederation _consent = null!;
    private string _licenseId = null!;
    private GrantConsentResponse _grant = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _consent = await ConsentFederation.StartAsync();
        _licenseId = await _consent.IssuePropertyAsync();
        _grant = await _consent.GrantAsync(_licenseId, singleUse: false);
    }

    [OneTimeTearDown]
    public async Task Stop() => await _consent.DisposeAsync();

    [Test]
    public async Task VerifyLicense_FactCheckAtTj_RelayedAndAnsweredPerField()
    {
        var answer = await FactCheckAsync(("owner_name", ConsentFederation.OwnerName), ("location", "天津市某处"));

        Assert.That(answer.Status, Is.EqualTo(VerificationStatus.Mismatch), answer.Detail);
        Assert.That(answer.FieldChecks.ToDictionary(c => c.Name, c => c.Matches),
            Is.EqualTo(new Dictionary<string, bool> { ["owner_name"] = true, ["location"] = false }));
    }

    [Test]
    public void VerifyLicense_FactCheckOfAFieldOutsideTheGrant_Refused()
    {
        var error = Assert.ThrowsAsync<RpcException>(() => FactCheckAsync(("owner_id_number", ConsentFederation.OwnerId)));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(error.ErrorInfo()!.Reason, Is.EqualTo("FIELD_NOT_GRANTED"));
    }

    [Test]
    public async Task GetLicense_AtTjsMirrorAfterAFactCheck_HistoryShowsTheAccess()
    {
        await FactCheckAsync(("owner_name", ConsentFederation.OwnerName));
        var auditor = new LicenseService.LicenseServiceClient(_consent.Channel("tj", "tj", "tj-audit", "auditor"));

        var license = await Eventually.UntilAsync(
            () => auditor.GetLicenseAsync(new GetLicenseRequest { LicenseId = _licenseId }).ResponseAsync,
            l => Accesses(l).Any(a => a.Kind == AccessKind.FactCheck));
        var access = Accesses(license).First(a => a.Kind == AccessKind.FactCheck);

        Assert.That(license.IssuingRegion, Is.EqualTo("bj"));
        Assert.That(access.Kind, Is.EqualTo(AccessKind.FactCheck));
        Assert.That(access.RelyingDepartment, Is.EqualTo("tj-power"));
        Assert.That(access.GrantId, Is.EqualTo(_grant.Grant.GrantId));
    }

    [Test]
    public async Task QueryLicenses_AllRegionsFromTj_ConditionalLicenceOnlyWithTheGrant()
    {
        var request = new QueryLicensesRequest { HolderId = ConsentFederation.OwnerId, AllRegions = true, MatterCode = ConsentFederation.Matter };

        var without = await _consent.TjPowerClerk.QueryLicensesAsync(request);
        request.GrantId = _grant.Grant.GrantId;
        var with = await _consent.TjPowerClerk.QueryLicensesAsync(request);

        Assert.That(without.Licenses, Is.Empty);
        Assert.That(with.Licenses.Select(l => l.LicenseId), Is.EqualTo(new[] { _licenseId }));
    }

    private static IEnumerable<AccessRecorded> Accesses(GetLicenseResponse license) =>
        license.History.Where(h => h.Kind == "access_recorded").Select(h => LedgerEntry.Parser.ParseFrom(h.Entry).AccessRecorded);

    private Task<VerifyLicenseResponse> FactCheckAsync(params (string Name, string Value)[] fields)
    {
        var request = new VerifyLicenseRequest { LicenseId = _licenseId, GrantId = _grant.Grant.GrantId, MatterCode = ConsentFederation.Matter };
        request.Disclosed.Add(fields.Select(f => new DisclosedField { Name = f.Name, Value = f.Value }));
        return _consent.TjPowerClerk.VerifyLicenseAsync(request).ResponseAsync;
    }
}

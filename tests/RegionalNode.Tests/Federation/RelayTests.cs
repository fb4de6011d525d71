using Grpc.Core;
using Regional.LicenseVerifier.Bundles;
using Regional.Node.Tests.Licenses;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Node.Tests.Federation;

/// <summary>A business system asks its own region's node; downloads and holder queries for other
/// regions are relayed to the issuer over mTLS and checked against the local mirror.</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public class RelayTests(string storage)
{
    private TestFederation _federation = null!;
    private IssueLicenseResponse _issued = null!;
    private const string Holder = "91110105MA0RELAY01";

    [OneTimeSetUp]
    public async Task Start()
    {
        _federation = await TestFederation.StartOnAsync(storage, witnessQuorum: 0);
        _issued = await new LicenseClient(_federation["bj"].Channel).IssueAsync(LicenseClient.BusinessLicence(holder: Holder, name: "中继测试公司"));
        await Eventually.UntilAsync(
            () => Verify("tj", _issued.LicenseId), r => r.Status == VerificationStatus.Valid);
    }

    [OneTimeTearDown]
    public async Task Stop() => await _federation.DisposeAsync();

    [Test]
    public async Task DownloadLicense_BjLicenceAskedOfTjByAClerk_DocumentCheckedAgainstTheMirror()
    {
        using var clerk = _federation.Ca.IssueClient("tj", "tj-housing", "clerk");
        using var channel = _federation["tj"].CreateChannel(clerk);

        var download = await new LicenseService.LicenseServiceClient(channel).DownloadLicenseAsync(new DownloadLicenseRequest { LicenseId = _issued.LicenseId });
        var policy = _federation.Policy(witnessQuorum: 0);
        var offline = BundleVerifier.Verify(download.Proof, policy, DateTimeOffset.UtcNow, [.. download.Document.Fields]);

        Assert.That(download.Document.IssuingRegion, Is.EqualTo("bj"));
        Assert.That(download.Document.Fields.Single(f => f.Name == "company_name").Value, Is.EqualTo("中继测试公司"));
        Assert.That(offline.Status, Is.EqualTo(VerificationStatus.Valid), offline.Detail);
        Assert.That(offline.Fields.Count, Is.EqualTo(download.Document.Fields.Count));
    }

    [Test]
    public void DownloadLicense_NoClientCertificate_Unauthenticated()
    {
        using var anonymous = _federation["tj"].CreateChannel();

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await new LicenseService.LicenseServiceClient(anonymous).DownloadLicenseAsync(new DownloadLicenseRequest { LicenseId = _issued.LicenseId }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
    }

    [Test]
    public void DownloadLicense_AuditorRole_PermissionDenied()
    {
        using var auditor = _federation.Ca.IssueClient("tj", "tj-audit", "auditor");
        using var channel = _federation["tj"].CreateChannel(auditor);

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await new LicenseService.LicenseServiceClient(channel).DownloadLicenseAsync(new DownloadLicenseRequest { LicenseId = _issued.LicenseId }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
    }

    [Test]
    public async Task QueryLicenses_AllRegionsFromHe_FindsTheBjLicence()
    {
        using var clerk = _federation.Ca.IssueClient("he", "he-tax", "clerk");
        using var channel = _federation["he"].CreateChannel(clerk);

        var found = await new LicenseService.LicenseServiceClient(channel).QueryLicensesAsync(new QueryLicensesRequest { HolderId = Holder, AllRegions = true });
        var local = await new LicenseService.LicenseServiceClient(channel).QueryLicensesAsync(new QueryLicensesRequest { HolderId = Holder });

        Assert.That(found.Licenses.Select(l => l.LicenseId), Is.EqualTo(new[] { _issued.LicenseId }));
        Assert.That(found.UnreachableRegions, Is.Empty);
        Assert.That(local.Licenses, Is.Empty);
    }

    private Task<VerifyLicenseResponse> Verify(string region, string licenseId) =>
        new LicenseClient(_federation[region].Channel).Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = licenseId }).ResponseAsync;
}

/// <summary>A region that is down is named in the answer, never silently missing.</summary>
public class RelayUnreachableTests
{
    [Test]
    public async Task QueryLicenses_AllRegionsWhileBjIsDown_NamesBjUnreachable()
    {
        await using var federation = await TestFederation.StartAsync(witnessQuorum: 0);
        await federation["bj"].StopAsync();
        using var clerk = federation.Ca.IssueClient("tj", "tj-housing", "clerk");
        using var channel = federation["tj"].CreateChannel(clerk);

        var found = await new LicenseService.LicenseServiceClient(channel).QueryLicensesAsync(
            new QueryLicensesRequest { HolderId = "91110105MA0NOBODY1", AllRegions = true },
            deadline: DateTime.UtcNow.AddSeconds(20));

        Assert.That(found.UnreachableRegions, Is.EqualTo(new[] { "bj" }), string.Join("\n", federation["tj"].Logs.Lines.Where(l => l.Contains("Relay", StringComparison.Ordinal))));
    }
}

using System.Security.Cryptography.X509Certificates;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Regional.Node.Tests.Federation;
using Regional.Node.Tests.Licenses;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Node.Tests.Consent;

/// <summary>bj and tj with the callers of the Haidian scenario: bj's natural-resources issuer, the
/// holder's app at bj, and the power company's clerk in tj.</summary>
internal sealed class ConsentFederation : IAsyncDisposable
{
    public const string OwnerName = "王海淀";
    public const string OwnerId = "110108198805051234";
    public const string Location = "北京市海淀区中关村南大街5号院3号楼1单元601";
    public const string Matter = "power-account-transfer";
    public const string Place = "天津电力滨海营业厅";

    private readonly List<IDisposable> _owned = [];

    private ConsentFederation(TestFederation federation) => Federation = federation;

    public TestFederation Federation { get; }

    public LicenseService.LicenseServiceClient BjIssuer { get; private set; } = null!;

    public ConsentService.ConsentServiceClient HolderApp { get; private set; } = null!;

    public LicenseService.LicenseServiceClient TjPowerClerk { get; private set; } = null!;

    /// <param name="configure">Runs on each node's builder (region, builder): e.g. a clock of its own for bj.</param>
    /// <param name="storage">"sqlite", or "postgres": each region on a database of its own.</param>
    public static async Task<ConsentFederation> StartAsync(Action<string, Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null,
        string storage = "sqlite")
    {
        var consent = new ConsentFederation(await TestFederation.StartOnAsync(storage, witnessQuorum: 0, configure));
        consent.BjIssuer = new LicenseService.LicenseServiceClient(consent.Channel("bj", "bj", "bj-natural-resources", "issuer"));
        consent.HolderApp = new ConsentService.ConsentServiceClient(consent.Channel("bj", "bj", "bj-holder-app", "holder-app"));
        consent.TjPowerClerk = new LicenseService.LicenseServiceClient(consent.Channel("tj", "tj", "tj-power", "clerk"));
        return consent;
    }

    /// <summary>A channel to a region's node presenting a new client certificate.</summary>
    public GrpcChannel Channel(string node, string region, string department, string role)
    {
        var certificate = Federation.Ca.IssueClient(region, department, role);
        var channel = Federation[node].CreateChannel(certificate);
        _owned.Add(certificate);
        _owned.Add(channel);
        return channel;
    }

    /// <summary>Issues a real-estate certificate in bj and waits until tj's mirror holds it.</summary>
    public async Task<string> IssuePropertyAsync(string ownerName = OwnerName, string ownerId = OwnerId)
    {
        var request = new IssueLicenseRequest { LicenseType = "real-estate-certificate", IssuingDepartment = "bj-natural-resources", HolderId = ownerId };
        request.Fields.Add([
            LicenseClient.Field("certificate_number", "京(2026)海淀区不动产权第0012345号"), LicenseClient.Field("owner_name", ownerName),
            LicenseClient.Field("owner_id_number", ownerId), LicenseClient.Field("location", Location),
            LicenseClient.Field("unit_number", "110108001001GB00001F00010601"), LicenseClient.Field("right_type", "国有建设用地使用权/房屋所有权"),
            LicenseClient.Field("usage", "住宅"), LicenseClient.Field("area_sqm", "89.5")]);
        var issued = await BjIssuer.IssueLicenseAsync(request);
        await WaitForMirrorAsync(issued.LicenseId);
        return issued.LicenseId;
    }

    public Task WaitForMirrorAsync(string licenseId) => Eventually.UntilAsync(
        () => new LicenseService.LicenseServiceClient(Federation["tj"].Channel).VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = licenseId }).ResponseAsync,
        r => r.Status == VerificationStatus.Valid);

    public Task<GrantConsentResponse> GrantAsync(string licenseId, string relying = "tj-power", bool singleUse = true, TimeSpan? lifetime = null,
        params string[] fields) => GrantAsync(HolderApp, OwnerId, licenseId, relying, singleUse, lifetime, fields);

    /// <summary>A grant through a given holders' app for a given holder (the attack tests pass the wrong ones).</summary>
    public static Task<GrantConsentResponse> GrantAsync(ConsentService.ConsentServiceClient app, string holderId, string licenseId, string relying = "tj-power",
        bool singleUse = true, TimeSpan? lifetime = null, string[]? fields = null, string window = "")
    {
        var request = new GrantConsentRequest
        {
            LicenseId = licenseId,
            HolderId = holderId,
            RelyingWindow = window,
            RelyingDepartment = relying,
            MatterCode = Matter,
            MatterName = "电力过户",
            ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow + (lifetime ?? TimeSpan.FromHours(1))),
            SingleUse = singleUse,
        };
        request.Fields.Add(fields is { Length: > 0 } ? fields : ["owner_name", "location"]);
        return app.GrantConsentAsync(request).ResponseAsync;
    }

    /// <summary>The tj-power clerk downloads a bj licence at tj (relayed to bj) for the matter.</summary>
    public Task<DownloadLicenseResponse> DownloadAtTjAsync(string licenseId, string grantId, params string[] fields)
    {
        var request = new DownloadLicenseRequest { LicenseId = licenseId, GrantId = grantId, MatterCode = Matter };
        request.Fields.Add(fields);
        var headers = new Metadata { { "x-regional-place", Uri.EscapeDataString(Place) } };
        return TjPowerClerk.DownloadLicenseAsync(request, headers).ResponseAsync;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
        await Federation.DisposeAsync();
    }
}

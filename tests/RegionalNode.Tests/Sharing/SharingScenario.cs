using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.Node.Tests.Consent;
using Regional.V1;

namespace Regional.Node.Tests.Sharing;

/// <summary>The Haidian federation (bj, tj, he) with the directory chain's callers: applicants of departments
/// outside the real-estate certificate's catalog list, bj's natural-resources issuer deciding, and a flat whose
/// holder grants each applicant the fields it asks for.</summary>
internal sealed class SharingScenario(ConsentFederation consent, string licenseId)
{
    public const string Type = "real-estate-certificate";
    public const string Matter = ConsentFederation.Matter;

    public ConsentFederation Consent { get; } = consent;

    public string LicenseId { get; } = licenseId;

    public DirectoryService.DirectoryServiceClient Owner => field ??= Directory("bj", "bj", "bj-natural-resources", "issuer");

    public static async Task<SharingScenario> StartAsync(Action<string, Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null,
        string storage = "sqlite")
    {
        var consent = await ConsentFederation.StartAsync(configure, storage);
        try
        {
            return new SharingScenario(consent, await consent.IssuePropertyAsync());
        }
        catch
        {
            await consent.DisposeAsync();
            throw;
        }
    }

    public DirectoryService.DirectoryServiceClient Directory(string node, string region, string department, string role) =>
        new(Consent.Channel(node, region, department, role));

    /// <summary>A clerk of the department applies at its own region's node for bj's real-estate certificate.</summary>
    public Task<ApplyForSharingResponse> ApplyAsync(string department, string[] fields, string[] matters, TimeSpan? term = null, Metadata? headers = null)
    {
        var region = department.Split('-')[0];
        var request = new ApplyForSharingRequest
        {
            LicenseType = Type,
            Region = "bj",
            Reason = "户籍迁入核验 household registration check",
            RequestedUntil = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow + (term ?? TimeSpan.FromDays(30))),
            Fields = { fields },
            MatterCodes = { matters },
        };
        return Directory(region, region, department, "clerk").ApplyForSharingAsync(request, headers).ResponseAsync;
    }

    public Task<ApproveApplicationResponse> ApproveAsync(string applicationId, string[]? fields = null, string[]? matters = null, TimeSpan? term = null) =>
        Owner.ApproveApplicationAsync(new ApproveApplicationRequest
        {
            ApplicationId = applicationId,
            Fields = { fields ?? [] },
            MatterCodes = { matters ?? [] },
            Until = term is { } t ? Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow + t) : null,
        }).ResponseAsync;

    /// <summary>The holder grants the department the fields (reusable, for a day) for the matter.</summary>
    public async Task<string> GrantAsync(string department, params string[] fields) =>
        (await ConsentFederation.GrantAsync(Consent.HolderApp, ConsentFederation.OwnerId, LicenseId, department, singleUse: false, lifetime: TimeSpan.FromDays(1), fields)).Grant.GrantId;

    /// <summary>A clerk of the department downloads the flat at its own region's node (relayed to bj).</summary>
    public Task<DownloadLicenseResponse> DownloadAsync(string department, string grantId, string matter = Matter, params string[] fields)
    {
        var region = department.Split('-')[0];
        var request = new DownloadLicenseRequest { LicenseId = LicenseId, GrantId = grantId, MatterCode = matter, Fields = { fields } };
        return new LicenseService.LicenseServiceClient(Consent.Channel(region, region, department, "clerk")).DownloadLicenseAsync(request).ResponseAsync;
    }

    /// <summary>The recorded accesses to the flat, as its holder sees them.</summary>
    public async Task<IReadOnlyList<HolderAccess>> AccessesAsync() =>
        (await Consent.HolderApp.ListAccessesAsync(new ListAccessesRequest { LicenseId = LicenseId, HolderId = ConsentFederation.OwnerId })).Accesses;

    /// <summary>The entry at a leaf of bj's own log, as stored (the exact bytes).</summary>
    public byte[] BjEntry(ulong leaf)
    {
        var reader = Consent.Federation["bj"].Services.GetRequiredService<LogReader>();
        using var session = reader.Open();
        return LogReader.RequireEntry(session, reader.Log, leaf);
    }

    public static void AssertRefused(Func<Task> call, StatusCode code, string reason)
    {
        var error = Assert.ThrowsAsync<RpcException>(async () => await call());

        Assert.That(error!.StatusCode, Is.EqualTo(code), error.Status.Detail);
        Assert.That(error.ErrorInfo()!.Reason, Is.EqualTo(reason), error.Status.Detail);
    }

    public static List<string> Violations(Func<Task> call)
    {
        var error = Assert.ThrowsAsync<RpcException>(async () => await call());
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), error.Status.Detail);
        return [.. RpcErrorDetails.FieldViolations(error).Select(v => v.Field)];
    }
}

using Grpc.Core;
using Microsoft.Extensions.Options;
using Regional.LicenseVerifier;
using Regional.Node.Configuration;
using Regional.Node.Consent;
using Regional.Node.Relay;
using Regional.Node.Ledger;
using Regional.Node.Licenses;
using Regional.Node.Security.Authorization;
using Regional.V1;

namespace Regional.Node.Services;

/// <summary>LicenseService: validates each request in one place, runs it on the ledger (writes)
/// or the reader (reads), and maps the result. Errors become statuses in ErrorMappingInterceptor.</summary>
internal sealed class LicenseGrpcService(LedgerWriter writer, LicenseReader reader, DocumentVault vault, OwnLog log, LicenseRelay relay, ContentAccess access,
    IOptions<NodeOptions> options)
    : LicenseService.LicenseServiceBase
{
    public override async Task<IssueLicenseResponse> IssueLicense(IssueLicenseRequest request, ServerCallContext context)
    {
        RequestRules.CheckIssue(request, log.Region);
        var done = await writer.SubmitAsync(new IssueLicenseCommand(request, vault), context.CancellationToken);
        return new IssueLicenseResponse { LicenseId = done.Value, Receipt = done.Receipt };
    }

    public override async Task ImportLicenses(IAsyncStreamReader<ImportLicensesRequest> requestStream, IServerStreamWriter<ImportLicensesResponse> responseStream,
        ServerCallContext context)
    {
        // The interceptor sees no streamed row: with identities, each row's department is checked against the caller's.
        var caller = AuthorizationInterceptor.IsEnforced(options.Value) ? Caller.Of(context) : null;
        using var import = new LicenseImport(writer.SubmitAsync, vault, log.Region, caller, context.CancellationToken);
        await import.RunAsync(requestStream, responseStream);
    }

    public override async Task<AmendLicenseResponse> AmendLicense(AmendLicenseRequest request, ServerCallContext context)
    {
        RequestRules.CheckAmend(request, log.Region);
        var done = await writer.SubmitAsync(new AmendLicenseCommand(request, vault), context.CancellationToken);
        return new AmendLicenseResponse { LicenseId = request.LicenseId, Version = done.Value, Receipt = done.Receipt };
    }

    public override async Task<ChangeLicenseStatusResponse> ChangeLicenseStatus(ChangeLicenseStatusRequest request, ServerCallContext context)
    {
        RequestRules.CheckStatusChange(request, log.Region);
        var done = await writer.SubmitAsync(new ChangeLicenseStatusCommand(request), context.CancellationToken);
        return new ChangeLicenseStatusResponse { LicenseId = request.LicenseId, Status = done.Value, Receipt = done.Receipt };
    }

    public override Task<GetLicenseResponse> GetLicense(GetLicenseRequest request, ServerCallContext context)
    {
        RequestRules.CheckLicenseId(request.LicenseId, "license_id");
        return Task.FromResult(reader.Get(request.LicenseId));
    }

    public override Task<GetStatusProofResponse> GetStatusProof(GetStatusProofRequest request, ServerCallContext context)
    {
        RequestRules.CheckLicenseId(request.LicenseId, "license_id");
        return Task.FromResult(reader.StatusProof(request));
    }

    public override async Task<QueryLicensesResponse> QueryLicenses(QueryLicensesRequest request, ServerCallContext context)
    {
        RequestRules.CheckQuery(request);
        var response = await access.FilterQueryAsync(reader.Query(request), request, context);
        if (request.AllRegions && !RelayCaller.IsPeerNode(context))
        {
            await relay.QueryPeersAsync(request, response, context);
        }
        return response;
    }

    public override async Task<VerifyLicenseResponse> VerifyLicense(VerifyLicenseRequest request, ServerCallContext context)
    {
        RequestRules.CheckVerify(request);
        var factCheck = VerifyKinds.Of(request.Disclosed) == VerifyKind.FactCheck;
        if (!factCheck)
        {
            return reader.Verify(request);
        }
        // A fact check (values without salts) is answered by the issuing region, which holds the
        // salts, decides the access like a download and records it.
        var region = LicenseId.Parse(request.LicenseId).Region;
        if (region != log.Region && !RelayCaller.IsPeerNode(context))
        {
            return await relay.FactCheckAsync(request, region, context);
        }
        await access.AuthorizeAsync(request.LicenseId, AccessKind.FactCheck, request.GrantId, request.MatterCode,
            [.. request.Disclosed.Select(d => d.Name)], context);
        return reader.Verify(request);
    }

    public override async Task<DownloadLicenseResponse> DownloadLicense(DownloadLicenseRequest request, ServerCallContext context)
    {
        RequestRules.CheckDownload(request);
        var region = LicenseId.Parse(request.LicenseId).Region;
        // Another region's licence is relayed to its issuer, which decides and records the access
        // (the clerk's context travels in the headers); a relayed request is never relayed again.
        if (region != log.Region && !RelayCaller.IsPeerNode(context))
        {
            return await relay.DownloadAsync(request, region, context);
        }
        var decision = await access.AuthorizeAsync(request.LicenseId, AccessKind.Download, request.GrantId, request.MatterCode, request.Fields, context, request.IfVersion);
        var response = await reader.DownloadAsync(request.LicenseId, context.CancellationToken);
        if (decision?.Fields is { } fields)
        {
            var disclosed = response.Document.Fields.Where(f => fields.Contains(f.Name)).ToList();
            response.Document.Fields.Clear();
            response.Document.Fields.Add(disclosed);
        }
        return response;
    }
}

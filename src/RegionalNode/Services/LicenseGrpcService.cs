using Grpc.Core;
using Regional.Node.Ledger;
using Regional.Node.Licenses;
using Regional.V1;

namespace Regional.Node.Services;

/// <summary>LicenseService: validates each request in one place, runs it on the ledger (writes)
/// or the reader (reads), and maps the result. Errors become statuses in ErrorMappingInterceptor.</summary>
internal sealed class LicenseGrpcService(LedgerWriter writer, LicenseReader reader, DocumentVault vault, OwnLog log)
    : LicenseService.LicenseServiceBase
{
    public override async Task<IssueLicenseResponse> IssueLicense(IssueLicenseRequest request, ServerCallContext context)
    {
        RequestRules.CheckIssue(request, log.Region);
        var done = await writer.SubmitAsync(new IssueLicenseCommand(request, vault), context.CancellationToken);
        return new IssueLicenseResponse { LicenseId = done.Value, Receipt = done.Receipt };
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

    public override Task<QueryLicensesResponse> QueryLicenses(QueryLicensesRequest request, ServerCallContext context)
    {
        RequestRules.CheckQuery(request);
        return Task.FromResult(reader.Query(request));
    }

    public override Task<VerifyLicenseResponse> VerifyLicense(VerifyLicenseRequest request, ServerCallContext context)
    {
        RequestRules.CheckVerify(request);
        return Task.FromResult(reader.Verify(request));
    }

    public override Task<DownloadLicenseResponse> DownloadLicense(DownloadLicenseRequest request, ServerCallContext context)
    {
        // Until holder consent exists (issue 6), a node hands out documents only of its own
        // region's licences, to callers of that node: nothing is relayed between regions.
        RequestRules.CheckLicenseId(request.LicenseId, "license_id");
        return Task.FromResult(reader.Download(request.LicenseId));
    }
}

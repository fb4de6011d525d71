using Grpc.Core;
using Regional.Node.Licenses;
using Regional.Node.Services;
using Regional.V1;

namespace Regional.Node.Mirror;

/// <summary>LicenseService of a read-only mirror node: verification (status and presented document,
/// with the proof from the mirror) and a licence's state and history, for every region's licences.
/// Writes, downloads, holder queries and fact checks belong to the issuing region, which holds the
/// documents and records every access: they are refused with its endpoint (<see cref="WriteRefusal"/>).</summary>
internal sealed class MirrorLicenseGrpcService(LicenseReader reader, WriteRefusal refusal) : LicenseService.LicenseServiceBase
{
    public override Task<VerifyLicenseResponse> VerifyLicense(VerifyLicenseRequest request, ServerCallContext context)
    {
        RequestRules.CheckVerify(request);
        if (VerifyKinds.Of(request.Disclosed) == VerifyKind.FactCheck)
        {
            throw refusal.Refuse("VerifyLicense as a fact check (values without salts)", WriteRefusal.RegionOf(request.LicenseId));
        }
        return Task.FromResult(reader.Verify(request));
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

    public override Task<IssueLicenseResponse> IssueLicense(IssueLicenseRequest request, ServerCallContext context) =>
        throw refusal.Refuse("IssueLicense", WriteRefusal.RegionOfDepartment(request.IssuingDepartment));

    /// <summary>Refused like IssueLicense, at once, before any row is read: the answer lists every region's node.</summary>
    public override Task ImportLicenses(IAsyncStreamReader<ImportLicensesRequest> requestStream, IServerStreamWriter<ImportLicensesResponse> responseStream,
        ServerCallContext context) =>
        throw refusal.Refuse("ImportLicenses", null);

    public override Task<AmendLicenseResponse> AmendLicense(AmendLicenseRequest request, ServerCallContext context) =>
        throw refusal.Refuse("AmendLicense", WriteRefusal.RegionOf(request.LicenseId));

    public override Task<ChangeLicenseStatusResponse> ChangeLicenseStatus(ChangeLicenseStatusRequest request, ServerCallContext context) =>
        throw refusal.Refuse("ChangeLicenseStatus", WriteRefusal.RegionOf(request.LicenseId));

    public override Task<DownloadLicenseResponse> DownloadLicense(DownloadLicenseRequest request, ServerCallContext context) =>
        throw refusal.Refuse("DownloadLicense (the issuing region decides and records every download)", WriteRefusal.RegionOf(request.LicenseId));

    public override Task<QueryLicensesResponse> QueryLicenses(QueryLicensesRequest request, ServerCallContext context) =>
        throw refusal.Refuse("QueryLicenses (only the issuing regions index holders)", null);
}

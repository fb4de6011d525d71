using Grpc.Core;
using Regional.Node.Catalog;
using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.Node.Sharing;
using Regional.V1;

namespace Regional.Node.Services;

/// <summary>CatalogService: the directory of licence types. Registration goes on the own log; a type is shown
/// with the directory approvals in force for it (its effective sharing).</summary>
internal sealed class CatalogGrpcService(LedgerWriter writer, LogReader reader, TimeProvider clock) : CatalogService.CatalogServiceBase
{
    public override async Task<RegisterLicenseTypeResponse> RegisterLicenseType(RegisterLicenseTypeRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations();
        LicenseTypeRules.Check(request.LicenseType, reader.Log.Region, violations);
        violations.ThrowIfAny();
        var done = await writer.SubmitAsync(new RegisterLicenseTypeCommand(request.LicenseType), context.CancellationToken);
        return new RegisterLicenseTypeResponse { LicenseType = request.LicenseType, Revision = done.Value, Receipt = done.Receipt };
    }

    public override Task<GetLicenseTypeResponse> GetLicenseType(GetLicenseTypeRequest request, ServerCallContext context)
    {
        using var session = reader.Open();
        var item = session.Catalog.Find(reader.Log.LogId, request.Code)
            ?? throw NodeException.NotFound("NOT_FOUND", $"code: no licence type '{FieldViolations.Quote(request.Code)}' in region {reader.Log.Region}'s directory");
        var response = item.ToWire();
        response.ApprovalsInForce.Add(SharingStates.InForce(session, reader.Log.LogId, request.Code, clock.GetUtcNow()));
        return Task.FromResult(response);
    }

    public override Task<ListLicenseTypesResponse> ListLicenseTypes(ListLicenseTypesRequest request, ServerCallContext context)
    {
        using var session = reader.Open();
        return Task.FromResult(session.Catalog.ListResponse(request));
    }
}

using Grpc.Core;
using Regional.Node.Catalog;
using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.Node.Sharing;
using Regional.V1;

namespace Regional.Node.Mirror;

/// <summary>CatalogService of a read-only mirror node: the directory of every region, as mirrored, with the approvals
/// in force of a type; registration is refused with the owning region's endpoint.</summary>
internal sealed class MirrorCatalogGrpcService(LogReader reader, WriteRefusal refusal, TimeProvider clock) : CatalogService.CatalogServiceBase
{
    public override Task<RegisterLicenseTypeResponse> RegisterLicenseType(RegisterLicenseTypeRequest request, ServerCallContext context) =>
        throw refusal.Refuse("RegisterLicenseType", WriteRefusal.RegionOfDepartment(request.LicenseType?.OwningDepartment ?? ""));

    public override Task<GetLicenseTypeResponse> GetLicenseType(GetLicenseTypeRequest request, ServerCallContext context)
    {
        using var session = reader.Open();
        var (log, item) = reader.Mirrors.All.OrderBy(m => m.Region, StringComparer.Ordinal)
            .Select(m => (m.LogId, Item: session.Catalog.Find(m.LogId, request.Code))).FirstOrDefault(i => i.Item is not null);
        if (item is null)
        {
            throw NodeException.NotFound("NOT_FOUND", $"code: no licence type '{FieldViolations.Quote(request.Code)}' in any mirrored directory");
        }
        var response = item.ToWire();
        response.ApprovalsInForce.Add(SharingStates.InForce(session, log, request.Code, clock.GetUtcNow()));
        return Task.FromResult(response);
    }

    public override Task<ListLicenseTypesResponse> ListLicenseTypes(ListLicenseTypesRequest request, ServerCallContext context)
    {
        using var session = reader.Open();
        return Task.FromResult(session.Catalog.ListResponse(request));
    }
}

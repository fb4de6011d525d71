using Grpc.Core;
using Regional.Node.Catalog;
using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.V1;

namespace Regional.Node.Mirror;

/// <summary>CatalogService of a read-only mirror node: the directory of every region, as mirrored;
/// registration is refused with the owning region's endpoint.</summary>
internal sealed class MirrorCatalogGrpcService(LogReader reader, WriteRefusal refusal) : CatalogService.CatalogServiceBase
{
    public override Task<RegisterLicenseTypeResponse> RegisterLicenseType(RegisterLicenseTypeRequest request, ServerCallContext context) =>
        throw refusal.Refuse("RegisterLicenseType", WriteRefusal.RegionOfDepartment(request.LicenseType?.OwningDepartment ?? ""));

    public override Task<GetLicenseTypeResponse> GetLicenseType(GetLicenseTypeRequest request, ServerCallContext context)
    {
        using var session = reader.Open();
        var item = reader.Mirrors.All.OrderBy(m => m.Region, StringComparer.Ordinal)
            .Select(m => session.Catalog.Find(m.LogId, request.Code)).FirstOrDefault(i => i is not null)
            ?? throw NodeException.NotFound("NOT_FOUND", $"code: no licence type '{FieldViolations.Quote(request.Code)}' in any mirrored directory");
        return Task.FromResult(item.ToWire());
    }

    public override Task<ListLicenseTypesResponse> ListLicenseTypes(ListLicenseTypesRequest request, ServerCallContext context)
    {
        using var session = reader.Open();
        return Task.FromResult(session.Catalog.ListResponse(request));
    }
}

using Regional.Node.Storage.Catalog;
using Regional.V1;

namespace Regional.Node.Catalog;

/// <summary>The directory as CatalogService lists it, the same on a region's node and a mirror node.</summary>
internal static class CatalogListing
{
    /// <summary>ListLicenseTypes' answer: every region's directory, or one region's when named.</summary>
    public static ListLicenseTypesResponse ListResponse(this ICatalogStore catalog, ListLicenseTypesRequest request)
    {
        var response = new ListLicenseTypesResponse();
        response.LicenseTypes.AddRange(catalog.List(request.Region.Length > 0 ? request.Region : null).Select(i => i.ToWire()));
        return response;
    }
}

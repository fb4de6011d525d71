using Regional.V1;

namespace Regional.Node.Storage.Catalog;

/// <summary>A licence type as the directory holds it.</summary>
internal sealed record CatalogItem(string Region, LicenseType Type, uint Revision, ulong LeafIndex)
{
    /// <summary>The item as CatalogService answers it.</summary>
    public GetLicenseTypeResponse ToWire() => new() { LicenseType = Type, Revision = Revision, Region = Region };
}

/// <summary>The directory (目录) of every log the node holds, as derived from their catalog entries.</summary>
internal interface ICatalogStore
{
    /// <summary>A type of one log's directory, or null.</summary>
    CatalogItem? Find(long logId, string code);

    /// <summary>Every region's types, or one region's when named; by region, then code.</summary>
    IReadOnlyList<CatalogItem> List(string? region);

    /// <summary>Inserts the type, or replaces its definition with a later revision.</summary>
    void Upsert(long logId, LicenseType type, uint revision, ulong leafIndex);
}

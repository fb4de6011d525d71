namespace Regional.Node.Catalog;

/// <summary>Registers the directory (目录): the starter licence types loaded on a region's first start.</summary>
internal static class CatalogExtensions
{
    public static IServiceCollection AddCatalog(this IServiceCollection services) =>
        services.AddHostedService<StarterCatalogLoader>();
}

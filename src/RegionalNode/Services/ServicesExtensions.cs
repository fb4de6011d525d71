namespace Regional.Node.Services;

/// <summary>Maps the gRPC services of a region's node.</summary>
internal static class ServicesExtensions
{
    public static WebApplication MapRegionServices(this WebApplication app)
    {
        app.MapGrpcService<LicenseGrpcService>();
        app.MapGrpcService<LedgerGrpcService>();
        app.MapGrpcService<CatalogGrpcService>();
        app.MapGrpcService<ConsentGrpcService>();
        app.MapGrpcService<DirectoryGrpcService>();
        return app;
    }
}

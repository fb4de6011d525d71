using Regional.Node.Errors;
using Regional.Node.Federation;
using Regional.Node.Federation.Transport;
using Regional.Node.Ledger;
using Regional.V1;

namespace Regional.Node.Relay;

/// <summary>Relays a sharing application to the region whose directory has the licence type, over mutual TLS,
/// with the applicant's identity in the headers as for downloads (<see cref="RelayCaller"/>): the owner's node
/// re-checks it (a node vouches only for departments of its own region) and records the application on its log.</summary>
internal sealed class SharingRelay(IServiceProvider services, LogReader reader)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    /// <summary>The region (other than this node's) whose directory, as mirrored here, has the type; null if none.</summary>
    public string? OwningRegion(string licenseType)
    {
        using var session = reader.Open();
        return session.Catalog.List(null).FirstOrDefault(i => i.Type.Code == licenseType && i.Region != reader.Log.Region)?.Region;
    }

    public async Task<ApplyForSharingResponse> ApplyAsync(ApplyForSharingRequest request, string region, Grpc.Core.ServerCallContext context)
    {
        var headers = RelayCaller.Require(context, region, reader.Log.Region);
        var peer = services.GetService<FederationContext>()?.Trust.Region(region)
            ?? throw NodeException.NotFound("UNKNOWN_REGION", $"license_type: region '{region}' is not in this federation");
        var client = new DirectoryService.DirectoryServiceClient(services.GetRequiredService<IPeerChannels>().For(peer));
        return await client.ApplyForSharingAsync(request, RelayCaller.Options(context, Limit).WithHeaders(headers));
    }
}

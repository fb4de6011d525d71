using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Regional.V1;
using Microsoft.Extensions.Options;
using Regional.Node.Configuration;

namespace Regional.Node.Telemetry;

/// <summary>
/// The telemetry of every inbound call, registered once (innermost): tags the call's server span
/// (made by ASP.NET Core) with this node's region, so a trace that crosses regions says which node
/// served which part, and counts the answers that are metrics: verifications by status, downloads,
/// consent grants.
/// </summary>
internal sealed class TelemetryInterceptor(NodeMetrics metrics, IOptions<NodeOptions> options) : Interceptor
{
    /// <summary>The region tag of every span (empty on a read-only mirror node, which has none).</summary>
    private readonly string _region = options.Value.Region ?? "";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Activity.Current?.SetTag(NodeTelemetry.RegionTag, _region);
        var response = await continuation(request, context);
        switch (response)
        {
            case VerifyLicenseResponse verified:
                metrics.Verified(verified.Status);
                break;
            case DownloadLicenseResponse downloaded:
                metrics.Downloaded(downloaded.Document?.IssuingRegion ?? "");
                break;
            case GrantConsentResponse:
                metrics.ConsentGranted();
                break;
        }
        return response;
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Activity.Current?.SetTag(NodeTelemetry.RegionTag, _region);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Activity.Current?.SetTag(NodeTelemetry.RegionTag, _region);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Activity.Current?.SetTag(NodeTelemetry.RegionTag, _region);
        return continuation(requestStream, responseStream, context);
    }
}

using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using Regional.Node.Configuration;
using Regional.Node.Errors;
using Regional.Node.Federation;
using Regional.Node.Licenses;
using Regional.V1;

namespace Regional.Node.Standby;

/// <summary>
/// What a standby answers: reads of what the active node stored (checkpoints, blocks, proofs, licence state and status
/// proofs, verification of status and of a presented document, the catalog and the sharing applications, health and reflection), after the same
/// identity and authorization checks as the active node. Everything else writes, or decides and records an access
/// (downloads, fact checks, holder queries, consents): UNAVAILABLE, reason STANDBY, with the region's node to send it
/// to in ErrorInfo metadata ("endpoint"), so a client retries there.
/// </summary>
internal sealed class StandbyGate(StandbyPlan plan, IOptions<NodeOptions> options, IServiceProvider services) : Interceptor
{
    public const string Reason = "STANDBY";

    private static readonly HashSet<string> Reads =
    [
        "/regional.v1.LedgerService/GetCheckpoint",
        "/regional.v1.LedgerService/GetBlocks",
        "/regional.v1.LedgerService/GetInclusionProof",
        "/regional.v1.LedgerService/GetConsistencyProof",
        "/regional.v1.LedgerService/GetLedgerStatus",
        "/regional.v1.LicenseService/VerifyLicense",
        "/regional.v1.LicenseService/GetLicense",
        "/regional.v1.LicenseService/GetStatusProof",
        "/regional.v1.CatalogService/GetLicenseType",
        "/regional.v1.CatalogService/ListLicenseTypes",
        "/regional.v1.DirectoryService/ListApplications",
    ];

    /// <summary>Whether a standby answers this call itself.</summary>
    public static bool Serves(string method, object request) =>
        method.StartsWith("/grpc.health.v1.", StringComparison.Ordinal)
        || method.StartsWith("/grpc.reflection.", StringComparison.Ordinal)
        || (Reads.Contains(method) && !(request is VerifyLicenseRequest verify && VerifyKinds.Of(verify.Disclosed) == VerifyKind.FactCheck));

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation) =>
        Serves(context.Method, request) ? continuation(request, context) : throw Refuse(context.Method);

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        Serves(context.Method, request) ? continuation(request, responseStream, context) : throw Refuse(context.Method);

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        throw Refuse(context.Method);

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        throw Refuse(context.Method);

    private NodeException Refuse(string method)
    {
        var node = options.Value;
        var endpoint = services.GetService<FederationContext>()?.Trust.Region(node.Region!)?.Endpoint.ToString().TrimEnd('/')
            ?? $"https://{node.Listen}";
        var what = method[(method.LastIndexOf('/') + 1)..];
        return new NodeException(StatusCode.Unavailable, Reason,
            $"{what}: this is a standby of region {node.Region}, which serves reads while {FieldViolations.Quote(plan.Active)} holds the writer lease; "
            + $"send it to the region's node {endpoint}",
            metadata: new Dictionary<string, string> { ["region"] = node.Region!, ["endpoint"] = endpoint });
    }
}

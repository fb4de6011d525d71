using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;
using Regional.LicenseVerifier.Certificates;
using Regional.Node.Security.Certificates;

namespace Regional.Node.Federation.Transport;

/// <summary>
/// gRPC channels from this node to its peers over mutual TLS: the channel presents this node's certificate
/// and accepts a server only if its certificate chains to the federation CA (serverAuth) and names the
/// expected region (urn:regional:node:&lt;region&gt;), so a tj certificate cannot answer for bj.
/// </summary>
/// <remarks>The server's host name is not checked: the region in its certificate is its identity, and
/// an endpoint may be an address or a balancer's name. Calls failing UNAVAILABLE are retried (4 attempts
/// in all, exponential backoff); idle connections are kept alive with HTTP/2 pings, and opening one
/// gives up after <see cref="ConnectTimeout"/>. Thread-safe.</remarks>
internal sealed partial class PeerChannelFactory(FederationCredentials credentials, ILogger<PeerChannelFactory> logger)
{
    /// <summary>The largest message a peer channel accepts (grpc's default, made explicit): above the
    /// largest block a node can seal (Node:MaxBlockBytes at most 2 MiB, plus one entry of at most 64 KiB and
    /// the header), so a valid block can always be mirrored; a hostile peer's larger message is refused.</summary>
    public const int MaxReceiveBytes = 4 * 1024 * 1024;

    public static readonly TimeSpan KeepAlivePingDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan KeepAlivePingTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long opening a connection (TCP and the TLS handshake) may take. Without it a peer, or a
    /// middlebox, that accepts the connection and never answers holds the channel's connection attempt
    /// forever: the mirror stream waits on it and every later call to that peer queues behind it.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The retry policy of every peer call: UNAVAILABLE only (the peer never saw the call or
    /// is restarting); other codes are answers.</summary>
    public static ServiceConfig ServiceConfig { get; } = new()
    {
        MethodConfigs =
        {
            new MethodConfig
            {
                Names = { MethodName.Default },
                RetryPolicy = new RetryPolicy
                {
                    MaxAttempts = 4,
                    InitialBackoff = TimeSpan.FromMilliseconds(200),
                    MaxBackoff = TimeSpan.FromSeconds(5),
                    BackoffMultiplier = 2.5,
                    RetryableStatusCodes = { StatusCode.Unavailable },
                },
            },
        },
    };

    /// <summary>A new channel to the peer at endpoint (https://host:port) that must be expectedRegion's
    /// node. The caller owns and disposes it.</summary>
    /// <exception cref="InvalidOperationException">Node:CaCertificatePath is not set.</exception>
    public GrpcChannel Create(Uri endpoint, string expectedRegion)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!CertificateIdentity.IsName(expectedRegion))
        {
            throw new ArgumentException($"got '{expectedRegion}', want a region code such as bj", nameof(expectedRegion));
        }
        var ca = credentials.RequireCa();
        var own = credentials.Certificate;
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            ConnectTimeout = ConnectTimeout,
            KeepAlivePingDelay = KeepAlivePingDelay,
            KeepAlivePingTimeout = KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        };
        handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => own;
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            AcceptServer(ca, certificate as X509Certificate2, endpoint, expectedRegion);
        return GrpcChannel.ForAddress(endpoint, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            ServiceConfig = ServiceConfig,
            MaxReceiveMessageSize = MaxReceiveBytes,
            // Peers restart; after a failed connection, try again soon rather than after grpc's
            // default backoff of up to two minutes, during which every call would fail fast.
            InitialReconnectBackoff = TimeSpan.FromMilliseconds(200),
            MaxReconnectBackoff = TimeSpan.FromSeconds(5),
        });
    }

    private bool AcceptServer(FederationCa ca, X509Certificate2? certificate, Uri endpoint, string expectedRegion)
    {
        var problem = Problem(ca, certificate, expectedRegion);
        if (problem is null)
        {
            return true;
        }
        LogRefusedServer(endpoint, expectedRegion, problem);
        return false;
    }

    /// <summary>Why the server's certificate is not expectedRegion's node certificate, or null when it is.</summary>
    private static string? Problem(FederationCa ca, X509Certificate2? certificate, string expectedRegion)
    {
        if (certificate is null)
        {
            return "no server certificate";
        }
        if (!ca.Trusts(certificate, FederationCa.ServerAuth, out var problem))
        {
            return problem;
        }
        return CertificateIdentity.TryNode(certificate, out var region) && region == expectedRegion
            ? null
            : $"certificate names node '{region}', want '{expectedRegion}'";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused peer {Endpoint} as region {Region}: {Problem}")]
    private partial void LogRefusedServer(Uri endpoint, string region, string problem);
}

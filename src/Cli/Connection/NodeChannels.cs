using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;

namespace Regional.Cli.Connection;

/// <summary>Opens gRPC channels to nodes: TLS accepting only a server certificate issued by the
/// cluster's CA (pinned, not the system's roots) for server authentication that names the node asked
/// for (urn:regional:node:&lt;region&gt;; for a URL, any region node or mirror node), presenting the chosen
/// client certificate. A clerk's or another region's certificate from the same CA is not "the node".</summary>
internal static class NodeChannels
{
    public static GrpcChannel Open(NodeTarget target)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        if (target.Endpoint.Scheme == "https")
        {
            if (target.CaCertificate is null)
            {
                throw new CliException($"no CA certificate to check {target.Endpoint} against: give --cluster DIR with ca/ca.crt");
            }
            var ca = X509Certificate2.CreateFromPem(File.ReadAllText(target.CaCertificate));
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => IssuedBy(certificate, ca)
                && (ServerIdentity.Problem(certificate!, target.Region) is not { } problem ? true : throw new NotTheNodeException(target.Endpoint, problem));
            if (target.ClientCertificate is not null)
            {
                var client = X509Certificate2.CreateFromPemFile(target.ClientCertificate, target.ClientKey);
                handler.SslOptions.ClientCertificates = [client];
                handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => client;
            }
        }
        var options = new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = 64 * 1024 * 1024,
        };
        if (target.Endpoint.Scheme == "https" && Environment.GetEnvironmentVariable(PlaceVariable) is { Length: > 0 } place)
        {
            // The service hall the clerk sits in, recorded with every access to a licence's content.
            options.Credentials = ChannelCredentials.Create(ChannelCredentials.SecureSsl, CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("x-regional-place", Uri.EscapeDataString(place));
                return Task.CompletedTask;
            }));
        }
        return GrpcChannel.ForAddress(target.Endpoint, options);
    }

    /// <summary>The environment variable naming the clerk's service hall (办事大厅).</summary>
    public const string PlaceVariable = "REGIONAL_PLACE";

    /// <summary>Whether the server's certificate chains to exactly the cluster's CA.</summary>
    private static bool IssuedBy(X509Certificate? certificate, X509Certificate2 ca)
    {
        if (certificate is null)
        {
            return false;
        }
        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(server);
    }
}

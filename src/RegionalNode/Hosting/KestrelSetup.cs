using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;
using Regional.Node.Security.Certificates;
using Regional.Node.Configuration;
using Regional.Node.Telemetry;

namespace Regional.Node.Hosting;

/// <summary>Kestrel: one endpoint on Node:Listen. With TLS it speaks HTTP/2 (gRPC) and HTTP/1.1 (the HTTP/JSON
/// face, docs/integrating.md), chosen by ALPN; with Node:Insecure, plaintext HTTP/2 only (h2c cannot share a port
/// with HTTP/1.1), so there is no HTTP/JSON without TLS. With Node:CaCertificatePath, callers may present a client
/// certificate: one the federation CA did not issue fails the handshake; callers without one still connect, and
/// calls that need an identity check it, over either protocol. With Node:MetricsListen, a second, plaintext
/// HTTP/1.1 endpoint serves Prometheus's scrape endpoint and nothing else.</summary>
/// <remarks>A standby (Standby/) listens on Node:StandbyListen instead, until it takes over.</remarks>
internal sealed class KestrelSetup(IOptions<NodeOptions> options, FederationCredentials credentials, ILogger<KestrelSetup> logger,
    Standby.StandbyPlan? standby = null) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel)
    {
        var node = options.Value;
        kestrel.AddServerHeader = false;
        var address = standby?.Listen ?? node.Listen;
        if (!ListenAddress.TryParse(address, out var listen))
        {
            throw new OptionsValidationException(NodeOptions.Section, typeof(NodeOptions), [$"Node:Listen: got '{address}', want host:port"]);
        }
        Action<ListenOptions> configure;
        if (node.Insecure)
        {
            NodeLog.ServingInsecure(logger, listen.ToString());
            configure = endpoint => endpoint.Protocols = HttpProtocols.Http2;
        }
        else
        {
            var https = new HttpsConnectionAdapterOptions { ServerCertificate = credentials.Certificate };
            if (credentials.Ca is not null)
            {
                credentials.CheckOwnCertificate();
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.ClientCertificateValidation = (certificate, _, _) => credentials.AcceptClient(certificate);
            }
            NodeLog.ServingTls(logger, listen.ToString());
            configure = endpoint =>
            {
                endpoint.Protocols = HttpProtocols.Http1AndHttp2;
                endpoint.UseHttps(https);
            };
        }
        Listen(kestrel, listen, configure);
        if (!string.IsNullOrEmpty(node.MetricsListen) && ListenAddress.TryParse(node.MetricsListen, out var metrics))
        {
            // Prometheus's scrape endpoint: plain HTTP/1.1 on its own port, serving /metrics alone (TelemetrySetup).
            Listen(kestrel, metrics, endpoint => endpoint.Protocols = HttpProtocols.Http1);
        }
    }

    private static void Listen(KestrelServerOptions kestrel, ListenAddress listen, Action<ListenOptions> configure)
    {
        if (listen.IsLocalhost)
        {
            kestrel.ListenLocalhost(listen.Port, configure);
        }
        else
        {
            kestrel.Listen(listen.Address!, listen.Port, configure);
        }
    }
}

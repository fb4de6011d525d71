using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Regional.Node.Security;

namespace Regional.Node.Hosting;

/// <summary>Kestrel: one HTTP/2-only endpoint on Node:Listen, with TLS unless Node:Insecure is set.</summary>
internal sealed class KestrelSetup(IOptions<NodeOptions> options, TlsCertificateStore certificates, ILogger<KestrelSetup> logger)
    : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel)
    {
        var node = options.Value;
        kestrel.AddServerHeader = false;
        if (!ListenAddress.TryParse(node.Listen, out var listen))
        {
            throw new OptionsValidationException(NodeOptions.Section, typeof(NodeOptions), [$"Node:Listen: got '{node.Listen}', want host:port"]);
        }
        Action<ListenOptions> configure;
        if (node.Insecure)
        {
            NodeLog.ServingInsecure(logger, listen.ToString());
            configure = endpoint => endpoint.Protocols = HttpProtocols.Http2;
        }
        else
        {
            var certificate = certificates.LoadOrCreate();
            NodeLog.ServingTls(logger, listen.ToString());
            configure = endpoint =>
            {
                endpoint.Protocols = HttpProtocols.Http2;
                endpoint.UseHttps(certificate);
            };
        }
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

using Microsoft.Extensions.Options;
using Regional.LicenseVerifier.Crypto;
using Regional.Node.Configuration;
using Regional.Node.Telemetry;

namespace Regional.Node.Hosting;

/// <summary>Runs before the server starts listening: logs who this node is and loads (or creates) the
/// signing key, so a bad key file stops start-up instead of failing the first block.</summary>
internal sealed class NodeStartup(IOptions<NodeOptions> options, IServiceProvider services, ILogger<NodeStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var node = options.Value;
        if (node.IsMirror)
        {
            // A mirror signs nothing: it has no signing key to load (see Mirror/MirrorStartup).
            NodeLog.StartingMirror(logger, node.MirrorName!, node.Suite, node.DataDirectory!);
            return Task.CompletedTask;
        }
        NodeLog.Starting(logger, node.Region!, node.DisplayName!, node.Suite, node.Origin!, node.DataDirectory!);
        services.GetRequiredService<PrivateKey>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

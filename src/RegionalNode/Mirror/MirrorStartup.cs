using Regional.Node.Federation;
using Regional.Node.Federation.Mirroring;
using Regional.Node.Ledger;

namespace Regional.Node.Mirror;

/// <summary>Opens the mirrors before a mirror node serves (so a bad trust file or a damaged database
/// stops start-up) and tells the operator what it follows and from where.</summary>
internal sealed partial class MirrorStartup(FederationContext federation, MirrorSet mirrors, ILogger<MirrorStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return Task.CompletedTask;
        }
        foreach (var mirror in mirrors.All.OrderBy(m => m.Region, StringComparer.Ordinal))
        {
            var endpoint = federation.Trust.Region(mirror.Region)!.Endpoint;
            var (size, state) = (mirror.State.Head.TreeSize, mirror.Status.State);
            LogFollowing(mirror.Region, mirror.Origin, endpoint, size, state.Value);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Mirror of {Region} ({Origin}) from {Endpoint}: tree size {TreeSize}, {State}")]
    private partial void LogFollowing(string region, string origin, Uri endpoint, ulong treeSize, string state);
}

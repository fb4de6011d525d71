namespace Regional.Node.Licenses;

/// <summary>Opens the document store before the node serves: resolving the vault loads (or creates) the
/// data key now, so a missing or damaged key stops start-up rather than the first licence.</summary>
internal sealed class DocumentVaultStartup(DocumentVault vault) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(vault);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Regional.LicenseVerifier.Notes;

namespace Regional.Node.Ledger;

/// <summary>Opens the own log before the node serves, so a damaged database stops start-up, and tells the operator where the log stands and which
/// verifier key relying parties must trust.</summary>
internal sealed partial class LedgerStartup(OwnLog log, NoteSigner signer, ILogger<LedgerStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var head = log.State.Head;
        if (logger.IsEnabled(LogLevel.Information))
        {
            var height = head.Height?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
            var root = Convert.ToHexStringLower(head.RootHash);
            LogOpened(log.Origin, head.TreeSize, height, root);
        }
        LogVerifierKey(signer.Verifier.VerifierKey);
        if (log.State.Keys.Rotations is [.., var last])
        {
            LogRotated(log.State.Keys.Rotations.Count, last.LastTreeSize, last.PreviousKey.VerifierKey);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Ledger {Origin} opened: tree size {TreeSize}, block height {Height}, root {Root}")]
    private partial void LogOpened(string origin, ulong treeSize, string height, string root);

    [LoggerMessage(Level = LogLevel.Information, Message = "Log verifier key (put it in the trust file): {VerifierKey}")]
    private partial void LogVerifierKey(string verifierKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "The log rotated its signing key {Count} time(s); the last retired key {PreviousKey} signed up to tree size {TreeSize}")]
    private partial void LogRotated(int count, ulong treeSize, string previousKey);
}

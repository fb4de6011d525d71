namespace Regional.Node.Ledger;

/// <summary>
/// What the writer asks before it seals: whether sealing the own log must be refused (another process holds
/// the data folder, a restored folder awaits recovery, a peer holds more of this log than the database). The
/// answer needs the peers, so it is implemented above the ledger (<c>Federation/Guard/OwnLogGuard</c>) and
/// the ledger stays free of the network.
/// </summary>
internal interface ISealingGuard
{
    /// <summary>Null when sealing may go on, else why not (the writer answers every command with it).</summary>
    Task<string?> SealingRefusalAsync(CancellationToken cancellationToken);
}

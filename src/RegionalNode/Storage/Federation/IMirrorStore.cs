using Regional.LicenseVerifier.Ledger;

namespace Regional.Node.Storage.Federation;

/// <summary>How a mirror is doing, as operators and callers are told.</summary>
/// <param name="State">catching up, following, unreachable, rejected (a block failed its checks) or halted (equivocation).</param>
/// <param name="Detail">Why, in plain words.</param>
/// <param name="LastSyncedAt">When the mirror last stored a block or confirmed it is current.</param>
/// <param name="LatestSeenSize">The largest tree size of the issuer this node has seen signed.</param>
internal sealed record MirrorStatus(MirrorState State, string Detail, DateTimeOffset? LastSyncedAt, ulong LatestSeenSize)
{
    public bool IsHalted => State == MirrorState.Halted;
}

/// <summary>The status of each mirror, kept so that a halt for equivocation survives a restart. The mirror's
/// blocks themselves go through <see cref="Ledger.ILogStore"/>.</summary>
internal interface IMirrorStore
{
    /// <summary>Stores the status; a halted mirror's stays halted (only an operator lifts it).</summary>
    void WriteStatus(long logId, MirrorStatus status);

    /// <summary>The stored status, or null before the first.</summary>
    MirrorStatus? ReadStatus(long logId);
}

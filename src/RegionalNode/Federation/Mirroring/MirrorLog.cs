using Microsoft.Data.Sqlite;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Ledger;
using Regional.Node.Ledger;

namespace Regional.Node.Federation.Mirroring;

/// <summary>How a mirror is doing, as operators and callers are told.</summary>
/// <param name="State">"catching_up", "following", "unreachable", "rejected" (a block failed its checks) or "halted" (equivocation).</param>
/// <param name="Detail">Why, in plain words.</param>
/// <param name="LastSyncedAt">When the mirror last stored a block or confirmed it is current.</param>
/// <param name="LatestSeenSize">The largest tree size of the issuer this node has seen signed.</param>
internal sealed record MirrorStatus(string State, string Detail, DateTimeOffset? LastSyncedAt, ulong LatestSeenSize)
{
    public bool IsHalted => State == "halted";
}

/// <summary>This node's verified copy of another region's log.</summary>
internal sealed class MirrorLog : LogHandle
{
    private MirrorStatus _status;

    private MirrorLog(Suite suite, string region, string origin, LogState state, MirrorStatus status)
        : base(suite, region, origin, state) => _status = status;

    /// <summary>The mirror's status; swapped atomically.</summary>
    public MirrorStatus Status => Volatile.Read(ref _status);

    /// <summary>Where the next block must continue from.</summary>
    public MirrorPosition Position
    {
        get
        {
            var state = State;
            return new MirrorPosition(state.Head.Height, state.Head.LastBlockHash, state.Range) { IssuerKey = state.Keys.Current };
        }
    }

    public static MirrorLog Open(SqliteConnection connection, Suite suite, string region, string origin)
    {
        var state = Load(connection, suite, region, origin, isOwn: false);
        var status = MirrorStore.ReadStatus(connection, state.Head.LogId)
            ?? new MirrorStatus("catching_up", "not yet connected", null, state.Head.TreeSize);
        return new MirrorLog(suite, region, origin, state, status);
    }

    /// <summary>Replaces the status, except that a halted mirror stays halted (only an operator lifts it).</summary>
    public void SetStatus(MirrorStatus status)
    {
        var current = Volatile.Read(ref _status);
        while (!current.IsHalted || status.IsHalted)
        {
            var seen = Interlocked.CompareExchange(ref _status, status, current);
            if (ReferenceEquals(seen, current))
            {
                return;
            }
            current = seen;
        }
    }
}

using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Ledger;
using Regional.Node.Ledger;
using Regional.Node.Storage;
using Regional.Node.Storage.Federation;

namespace Regional.Node.Ledger;

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

    public static MirrorLog Open(IStoreSession session, Suite suite, string region, string origin)
    {
        var state = Load(session, suite, region, origin, isOwn: false);
        var status = session.Mirrors.ReadStatus(state.Head.LogId)
            ?? new MirrorStatus(MirrorState.CatchingUp, "not yet connected", null, state.Head.TreeSize);
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

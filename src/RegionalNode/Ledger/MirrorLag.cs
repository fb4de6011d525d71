using Regional.Node.Storage.Federation;
using Regional.Node.Storage.Ledger;

namespace Regional.Node.Ledger;

/// <summary>How far a mirror is behind its issuer, as GetLedgerStatus reports it and the
/// regional.mirror.lag.* gauges export it.</summary>
/// <param name="Entries">Entries the issuer has signed that the mirror does not hold yet.</param>
/// <param name="Seconds">Behind for as long as the mirror's newest block is old while the issuer has
/// more; a mirror that holds everything the issuer signed is 0 s behind, however idle.</param>
internal readonly record struct MirrorLag(ulong Entries, double Seconds)
{
    public static MirrorLag Of(MirrorLog mirror, DateTimeOffset now) => Of(mirror.State.Head, mirror.Status, now);

    public static MirrorLag Of(LogHead head, MirrorStatus status, DateTimeOffset now)
    {
        if (status.LatestSeenSize <= head.TreeSize)
        {
            return new MirrorLag(0, 0);
        }
        var seconds = head.SealedAt is { } sealedAt ? Math.Max(0, (now - sealedAt).TotalSeconds) : 0;
        return new MirrorLag(status.LatestSeenSize - head.TreeSize, seconds);
    }
}

using System.Diagnostics.Metrics;
using Regional.Node.Federation.Mirroring;
using Regional.Node.Ledger;
using Regional.Node.Storage;
using Regional.Node.Storage.Federation;
using Regional.Node.Telemetry;

namespace Regional.Node.Hosting;

/// <summary>
/// The observable instruments: each reads, when a collector asks, state the node already keeps: the
/// own log's head, every mirror's head and status, and the stored cosignatures and alarms (counted in
/// the database, which holds them durably, so the totals survive restarts).
/// </summary>
internal sealed class NodeGauges(OwnLog log, MirrorSet mirrors, IDatabase database, TimeProvider clock) : IGaugeSource
{
    public void Register(Meter meter)
    {
        meter.CreateObservableGauge("regional.log.size", () => (long)log.State.Head.TreeSize, "{entry}", "Entries in the own log");
        meter.CreateObservableGauge("regional.log.height", Height, "{block}", "Height of the own log's latest block (none before the first block)");
        meter.CreateObservableGauge("regional.mirror.lag.entries", () => Lags(l => (long)l.Entries), "{entry}",
            "Entries the peer has signed that this node's mirror of its log does not hold yet");
        meter.CreateObservableGauge("regional.mirror.lag.seconds", () => Lags(l => l.Seconds), "s",
            "Age of the mirror's newest block while the peer has more; 0 when the mirror is current");
        meter.CreateObservableCounter("regional.cosignatures.collected", Cosignatures, "{cosignature}",
            "Verified witness cosignatures of the own log's checkpoints, by witness");
        meter.CreateObservableCounter("regional.alarms", Alarms, "{alarm}", "Alarms raised against peers (equivocation, rejected_block), by kind");
        meter.CreateObservableCounter("regional.blocks.rejected", RejectedBlocks, "{block}", "Mirrored blocks that failed their checks and were not stored");
    }

    private IEnumerable<Measurement<long>> Height() =>
        log.State.Head.Height is { } height ? [new Measurement<long>((long)height)] : [];

    private IEnumerable<Measurement<T>> Lags<T>(Func<MirrorLag, T> pick)
        where T : struct
    {
        var now = clock.GetUtcNow();
        return [.. mirrors.All.Select(m => new Measurement<T>(pick(MirrorLag.Of(m, now)), Peer(m.Region)))];
    }

    private IEnumerable<Measurement<long>> Cosignatures()
    {
        using var session = database.Open();
        return [.. session.Cosignatures.CountByWitness(log.LogId).Select(c => new Measurement<long>(c.Count, new KeyValuePair<string, object?>("regional.witness", c.Witness)))];
    }

    private IEnumerable<Measurement<long>> Alarms() =>
        [.. AlarmCounts().Select(c => new Measurement<long>(c.Count, new KeyValuePair<string, object?>("regional.alarm.kind", c.Kind), Peer(c.Region)))];

    private IEnumerable<Measurement<long>> RejectedBlocks() =>
        [.. AlarmCounts().Where(c => c.Kind == Federation.AlarmKinds.RejectedBlock).Select(c => new Measurement<long>(c.Count, Peer(c.Region)))];

    private IReadOnlyList<AlarmCount> AlarmCounts()
    {
        using var session = database.Open();
        return session.Alarms.Counts();
    }

    private static KeyValuePair<string, object?> Peer(string region) => new(NodeTelemetry.PeerTag, region);
}

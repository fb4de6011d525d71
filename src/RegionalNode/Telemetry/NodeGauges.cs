using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Regional.Node.Federation.Mirroring;
using Regional.Node.Ledger;
using Regional.Node.Storage;

namespace Regional.Node.Telemetry;

/// <summary>
/// The observable instruments: each reads, when a collector asks, state the node already keeps: the
/// own log's head, every mirror's head and status, and the cosignatures and alarms tables (counted
/// in SQLite, which holds them durably, so the totals survive restarts).
/// </summary>
internal sealed class NodeGauges(OwnLog log, MirrorSet mirrors, Database database, TimeProvider clock)
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

    private IEnumerable<Measurement<long>> Cosignatures() =>
        Count("SELECT witness, COUNT(*) FROM cosignatures WHERE log_id = $log GROUP BY witness",
            row => [new("regional.witness", row.GetString(0))], ("$log", log.LogId));

    private IEnumerable<Measurement<long>> Alarms() =>
        Count("SELECT kind, region, COUNT(*) FROM alarms GROUP BY kind, region",
            row => [new("regional.alarm.kind", row.GetString(0)), Peer(row.GetString(1))]);

    private IEnumerable<Measurement<long>> RejectedBlocks() =>
        Count("SELECT region, COUNT(*) FROM alarms WHERE kind = $kind GROUP BY region",
            row => [Peer(row.GetString(0))], ("$kind", Federation.AlarmStore.RejectedBlock));

    /// <summary>One measurement per row: the tags from the leading columns, the count from the last.</summary>
    private List<Measurement<long>> Count(string sql, Func<SqliteDataReader, KeyValuePair<string, object?>[]> tags, params (string Name, object Value)[] parameters)
    {
        using var connection = database.Open();
        using var query = connection.CreateCommand();
        query.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            query.Parameters.AddWithValue(name, value);
        }
        using var reader = query.ExecuteReader();
        var measurements = new List<Measurement<long>>();
        while (reader.Read())
        {
            measurements.Add(new Measurement<long>(reader.GetInt64(reader.FieldCount - 1), tags(reader)));
        }
        return measurements;
    }

    private static KeyValuePair<string, object?> Peer(string region) => new(NodeTelemetry.PeerTag, region);
}

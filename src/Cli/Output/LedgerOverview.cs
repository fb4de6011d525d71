using System.Globalization;
using Regional.V1;
using Regional.LicenseVerifier.Ledger;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Regional.Cli.Output;

/// <summary>What one node answered to GetLedgerStatus in one round of `ledger status --watch`:
/// its status, or why it could not be asked.</summary>
internal sealed record NodeSnapshot(string Node, GetLedgerStatusResponse? Status, string? Failure);

/// <summary>
/// The at-a-glance view of a federation: one row per region's log, one column per node showing the
/// size that node holds of the log (its own log, or its mirror with the entries it lags), then the
/// cosignatures on the issuer's latest checkpoint, the worst lag in seconds and the worst state; then
/// every node's alarms. Pure: rendering is separated from fetching so it can be tested without nodes.
/// </summary>
internal static class LedgerOverview
{
    /// <summary>The frame: a heading, the table, unreachable nodes, then alarms (or "no alarms").</summary>
    public static IRenderable Render(IReadOnlyList<NodeSnapshot> nodes, DateTimeOffset at)
    {
        var reachable = nodes.Where(n => n.Status is not null).ToList();
        var lines = new List<IRenderable>
        {
            Marks.Line(Marks.Bold("Regional ledger"), $"  {at.ToLocalTime():yyyy-MM-dd HH:mm:ss}  {reachable.Count} of {nodes.Count} nodes answering"),
        };
        var table = Marks.Table(["log", .. nodes.Select(n => $"at {n.Node}"), "cosigned", "lag", "state"]);
        foreach (var region in Regions(reachable))
        {
            var views = reachable.Select(n => (n.Node, Log: Find(n.Status!, region))).ToList();
            var own = views.Select(v => v.Log).FirstOrDefault(l => l is not null && MirrorState.Parse(l.State) == MirrorState.Own);
            var mirrors = views.Select(v => v.Log).Where(l => l is not null && MirrorState.Parse(l.State) != MirrorState.Own).ToList();
            var cells = nodes.Select(n => Cell(n, Find(n.Status, region), own)).ToList();
            var lag = mirrors.Count == 0 ? "-" : $"{mirrors.Max(m => m!.LagSeconds).ToString("0.0", CultureInfo.InvariantCulture)} s";
            var cosigned = (own ?? mirrors.FirstOrDefault())?.Cosignatures.ToString(CultureInfo.InvariantCulture) ?? "-";
            table.Row([region, .. cells, cosigned, lag, Worst(views.Select(v => v.Log?.State))]);
        }
        lines.Add(table);
        lines.AddRange(nodes.Where(n => n.Failure is not null).Select(n => Marks.Line(Marks.Yellow($"{n.Node}: {n.Failure}"))));
        var alarms = reachable.SelectMany(n => n.Status!.Alarms.Select(a => (n.Node, Alarm: a))).ToList();
        lines.AddRange(alarms.Select(a => Marks.Line(Marks.Red($"ALARM at {a.Node}: {a.Alarm.Kind} ({a.Alarm.Region}) since {Names.Time(a.Alarm.RaisedAt)}: {a.Alarm.Detail}"))));
        if (alarms.Count == 0)
        {
            lines.Add(Marks.Line(Marks.Green("no alarms")));
        }
        return new Rows(lines);
    }

    /// <summary>The regions in the nodes' order: first each node's own log, then any other mirrored log.</summary>
    private static IEnumerable<string> Regions(List<NodeSnapshot> reachable) => reachable
        .Select(n => n.Status!.OwnLog)
        .Concat(reachable.SelectMany(n => n.Status!.Mirrors))
        .Where(l => l is not null && l.Region.Length > 0)
        .Select(l => l!.Region)
        .Distinct(StringComparer.Ordinal);

    private static LogStatus? Find(GetLedgerStatusResponse? status, string region) =>
        status is null ? null
        : status.OwnLog?.Region == region ? status.OwnLog
        : status.Mirrors.FirstOrDefault(m => m.Region == region);

    private static Mark Cell(NodeSnapshot node, LogStatus? log, LogStatus? own)
    {
        if (node.Status is null)
        {
            return Marks.Yellow(MirrorState.Unreachable.Value);
        }
        if (log is null)
        {
            return "-";
        }
        var size = log.TreeSize.ToString(CultureInfo.InvariantCulture);
        if (MirrorState.Parse(log.State) == MirrorState.Own)
        {
            return $"{size} own";
        }
        var behind = own is not null && own.TreeSize > log.TreeSize ? own.TreeSize - log.TreeSize : log.LagEntries;
        return behind == 0 ? size : Marks.Yellow($"{size} (-{behind.ToString(CultureInfo.InvariantCulture)})");
    }

    /// <summary>The state that most needs a look: halted or rejected, then anything not following.</summary>
    private static Mark Worst(IEnumerable<string?> states)
    {
        var known = states.Where(s => s is not null).Select(s => s!).ToList();
        if (known.FirstOrDefault(s => MirrorState.Parse(s).NeedsOperator) is { } bad)
        {
            return Marks.Red(bad);
        }
        if (known.FirstOrDefault(s => MirrorState.Parse(s) != MirrorState.Own && MirrorState.Parse(s) != MirrorState.Following) is { } other)
        {
            return Marks.Yellow(other);
        }
        return known.Count == 0 ? "-" : Marks.Green("ok");
    }
}

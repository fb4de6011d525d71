using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Regional.Cli.Cluster;
using Regional.Cli.Connection;
using Regional.Cli.Output;
using Regional.LicenseVerifier.Trust;
using Regional.Provisioning;
using Regional.V1;
using Spectre.Console;

namespace Regional.Cli.Commands;

/// <summary>
/// `regional ledger status --watch`: asks every node of the cluster (or the one --node names) for its
/// ledger status each interval and redraws <see cref="LedgerOverview"/> in place on a terminal (Spectre's
/// live display); when stdout is not a terminal each round is printed after the last (with --json, one JSON line per node
/// and round: {node, at, status, failure}). A node that does not answer within the interval shows as unreachable; the watch goes
/// on. Ctrl-C ends it with exit code 0.
/// </summary>
internal static class LedgerWatch
{
    public static async Task<int> RunAsync(Invocation invocation, TimeSpan interval, int? rounds)
    {
        var targets = Targets(invocation);
        var channels = targets.Select(t => (Target: t, Channel: invocation.OpenChannel(t))).ToList();
        try
        {
            if (invocation.Json)
            {
                await LoopAsync(invocation, channels, interval, rounds, (snapshots, at) => WriteJson(invocation, snapshots, at));
            }
            else if (invocation.Console.IsTerminal)
            {
                // Spectre's live display: each round redraws the frame in place (also under NO_COLOR, without colour).
                await invocation.Screen.Live(new Text("")).Overflow(VerticalOverflow.Ellipsis).StartAsync(live =>
                    LoopAsync(invocation, channels, interval, rounds, (snapshots, at) =>
                    {
                        live.UpdateTarget(LedgerOverview.Render(snapshots, at));
                        live.Refresh();
                    }));
            }
            else
            {
                await LoopAsync(invocation, channels, interval, rounds, (snapshots, at) =>
                {
                    invocation.Screen.Write(LedgerOverview.Render(snapshots, at));
                    invocation.Out.WriteLine();
                    invocation.Out.Flush();
                });
            }
        }
        catch (OperationCanceledException) when (invocation.Cancel.IsCancellationRequested)
        {
            // Ctrl-C: the normal way to leave the view.
        }
        finally
        {
            foreach (var (_, channel) in channels)
            {
                channel.Dispose();
            }
        }
        return ExitCodes.Success;
    }

    /// <summary>Asks every node each interval and shows each round, until the count of rounds or Ctrl-C.</summary>
    private static async Task LoopAsync(Invocation invocation, List<(NodeTarget Target, GrpcChannel Channel)> channels, TimeSpan interval, int? rounds,
        Action<NodeSnapshot[], DateTimeOffset> show)
    {
        for (var round = 0; rounds is null || round < rounds; round++)
        {
            var started = DateTimeOffset.UtcNow;
            var snapshots = await Task.WhenAll(channels.Select(c => AskAsync(c.Target, c.Channel, interval, invocation.Cancel)));
            show(snapshots, started);
            if (rounds is null || round + 1 < rounds)
            {
                var rest = interval - (DateTimeOffset.UtcNow - started);
                await Task.Delay(rest > TimeSpan.Zero ? rest : TimeSpan.Zero, invocation.Cancel);
            }
        }
    }

    private static void WriteJson(Invocation invocation, NodeSnapshot[] snapshots, DateTimeOffset at)
    {
        foreach (var snapshot in snapshots)
        {
            var line = new JsonObject
            {
                ["node"] = snapshot.Node,
                ["at"] = at.ToString("O", CultureInfo.InvariantCulture),
                ["status"] = snapshot.Status is null ? null : JsonNode.Parse(JsonFormatter.Default.Format(snapshot.Status)),
                ["failure"] = snapshot.Failure,
            };
            invocation.Out.WriteLine(line.ToJsonString());
        }
        invocation.Out.Flush();
    }

    private static async Task<NodeSnapshot> AskAsync(NodeTarget target, GrpcChannel channel, TimeSpan interval, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow + (interval < TimeSpan.FromSeconds(2) ? TimeSpan.FromSeconds(2) : interval);
        try
        {
            var client = new LedgerService.LedgerServiceClient(channel);
            var status = await client.GetLedgerStatusAsync(new GetLedgerStatusRequest(), deadline: deadline, cancellationToken: cancel);
            return new NodeSnapshot(target.Name, status, null);
        }
        catch (RpcException ex) when (!cancel.IsCancellationRequested)
        {
            var why = ex.StatusCode == StatusCode.DeadlineExceeded ? "no answer in time" : ex.Status.Detail;
            return new NodeSnapshot(target.Name, null, $"{RpcErrors.Name(ex.StatusCode)}: {RpcErrors.Short(why)}");
        }
    }

    /// <summary>The node --node names, else every region of the cluster's trust file.</summary>
    private static List<NodeTarget> Targets(Invocation invocation)
    {
        if (invocation.Parse.GetValue(CommonOptions.Node) is not null || invocation.Console.Environment("REGIONAL_NODE") is { Length: > 0 })
        {
            return [invocation.Target];
        }
        var layout = new ClusterLayout(invocation.ClusterDirectory);
        var (file, error) = File.Exists(layout.TrustFile) ? TrustFileStore.Read(layout.TrustFile)
            : (null, $"no trust file at {layout.TrustFile}: start the cluster first (regional cluster up), or give --cluster DIR, or --node URL");
        if (file is null)
        {
            throw new CliException(error!);
        }
        return [.. file.Regions.Select(r => NodeTarget.Resolve(r.Id, invocation.ClusterDirectory, invocation.Parse.GetValue(CommonOptions.As)))];
    }
}

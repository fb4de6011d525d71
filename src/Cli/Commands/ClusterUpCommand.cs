using System.CommandLine;
using System.Diagnostics;
using Regional.Cli.Cluster;
using Regional.Cli.Connection;
using Regional.Cli.Output;

namespace Regional.Cli.Commands;

/// <summary>`regional cluster up`: makes the development federation on first run, starts bj, tj and he
/// as three node processes, waits until each is healthy, and stops them all on Ctrl-C or SIGTERM.</summary>
internal static class ClusterUpCommand
{
    private static readonly Option<string> Suite = new("--suite") { Description = "Crypto suite of a new cluster: gm (SM2/SM3) or intl (Ed25519/SHA-256).", DefaultValueFactory = _ => "gm" };
    private static readonly Option<int> Port = new("--port") { Description = "Port of bj for a new cluster; tj and he take the next two.", DefaultValueFactory = _ => 7101 };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("up", """
            Start the three-region cluster (bj, tj, he) in this terminal; Ctrl-C stops it. On first run, makes
            a development CA, the regions' keys and certificates, demo client certificates and the trust file
            in the cluster folder; later runs reuse them and the ledgers. A port already in use is named before
            any node starts (exit 2).
            Example: regional cluster up
            """) { Suite, Port };
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var layout = new ClusterLayout(invocation.ClusterDirectory);
        if (ClusterState.Read(layout)?.Nodes.Select(ClusterState.Live).FirstOrDefault(p => p is not null) is { } running)
        {
            throw new CliException($"the cluster in {layout.Directory} is already running (pid {running.Id}); stop it with: regional cluster down", ExitCodes.Negative);
        }
        var taken = ClusterSetup.Endpoints(layout, invocation.Value(Port)).Where(e => !MirrorSetup.IsFree(e.Endpoint.Port)).ToList();
        if (taken.Count > 0)
        {
            var ports = string.Join(", ", taken.Select(t => $"{t.Endpoint.Port} ({t.Region})"));
            throw new CliException($"port {ports} already in use (another cluster or another program); no node was started.\n" +
                (File.Exists(layout.TrustFile)
                    ? $"  The cluster in {layout.Directory} has its ports in its trust file: stop what holds them, or start another cluster with --dir DIR --port PORT."
                    : "  Stop what holds them, or choose others with --port PORT (bj takes PORT, tj and he the next two)."));
        }
        var (trust, made) = ClusterSetup.Ensure(layout, invocation.Value(Suite), invocation.Value(Port));
        foreach (var item in made)
        {
            invocation.Hint($"made {item}");
        }
        var nodes = new List<(string Region, Process Process, NodeTarget Target)>();
        try
        {
            foreach (var region in trust.Regions)
            {
                var process = NodeProcesses.Start(layout, region.Id, new Uri(region.Endpoint), trust.Suite);
                nodes.Add((region.Id, process, NodeTarget.Resolve(region.Id, layout.Directory, null)));
            }
            new ClusterState(Environment.ProcessId, trust.Suite, [.. nodes.Select(n => new NodeProcessInfo(n.Region, n.Process.Id,
                n.Process.StartTime.ToUniversalTime(), n.Target.Endpoint.ToString(), layout.Log(n.Region)))]).Write(layout);
            foreach (var (region, process, target) in nodes)
            {
                if (!await NodeProcesses.WaitHealthyAsync(process, target, TimeSpan.FromSeconds(60), invocation.Cancel))
                {
                    throw new CliException($"node {region} did not become healthy; from its log {layout.Log(region)}:\n  {string.Join("\n  ", NodeProcesses.Why(layout.Log(region)))}", ExitCodes.Unavailable);
                }
            }
            Report(invocation, layout, nodes.Select(n => (n.Region, n.Target.Endpoint, n.Process.Id)));
            // A node that stops (killed for a drill, crashed) leaves the others running: they keep serving
            // and mirroring it, as regions do. Ctrl-C stops them all; when the last one stops, so does this.
            var alive = nodes.ToList();
            while (alive.Count > 0)
            {
                await Task.WhenAny(alive.Select(n => n.Process.WaitForExitAsync(invocation.Cancel)));
                invocation.Cancel.ThrowIfCancellationRequested(); // Ctrl-C: WhenAny returns the cancelled wait without throwing
                foreach (var (region, process, _) in alive.Where(n => n.Process.HasExited).ToList())
                {
                    alive.RemoveAll(n => n.Region == region);
                    var others = alive.Count == 0 ? "no node is left" : $"{string.Join(" and ", alive.Select(n => n.Region))} keep running (Ctrl-C stops them)";
                    await invocation.Console.Error.WriteLineAsync($"regional: node {region} stopped (exit code {process.ExitCode}); {others}");
                }
            }
            return nodes.All(n => n.Process.ExitCode is 0 or 143) ? ExitCodes.Success : ExitCodes.Unavailable;
        }
        catch (OperationCanceledException) when (invocation.Cancel.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
        finally
        {
            await Task.WhenAll(nodes.Select(n => NodeProcesses.StopAsync(n.Process, TimeSpan.FromSeconds(10))));
            File.Delete(layout.StateFile);
            invocation.Hint("cluster stopped");
        }
    }

    private static void Report(Invocation invocation, ClusterLayout layout, IEnumerable<(string Region, Uri Endpoint, int Pid)> nodes)
    {
        if (invocation.Json)
        {
            invocation.WriteJson(new { cluster = layout.Directory, trustFile = layout.TrustFile, nodes = nodes.Select(n => new { n.Region, endpoint = n.Endpoint.ToString(), n.Pid, log = layout.Log(n.Region) }) });
            return;
        }
        var table = Marks.Table("region", "endpoint", "pid", "log");
        foreach (var (region, endpoint, pid) in nodes)
        {
            table.Row(region, endpoint.ToString(), pid.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.GetRelativePath(Environment.CurrentDirectory, layout.Log(region)));
        }
        invocation.Screen.Write(table);
        invocation.Out.WriteLine($"Cluster ready in {layout.Directory} (trust file: trust.json). Press Ctrl-C to stop, or run: regional cluster down");
        invocation.Out.Flush();
    }
}

using System.CommandLine;
using System.Globalization;
using Grpc.Core;
using Grpc.Health.V1;
using Regional.Cli.Cluster;
using Regional.Cli.Connection;
using Regional.Cli.Output;

namespace Regional.Cli.Commands;

/// <summary>`regional cluster status`: whether each node of the cluster runs and answers health checks.</summary>
internal static class ClusterStatusCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("status", """
            Show each node of the cluster: process, endpoint, health, log. Exit 0 when every node serves, else 3.
            Example: regional cluster status
            """);
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var layout = new ClusterLayout(invocation.ClusterDirectory);
        var trust = TrustLookup.Load(layout.TrustFile);
        var state = ClusterState.Read(layout);
        var rows = new List<(string Region, string Endpoint, string Pid, string Health, string Log)>();
        foreach (var region in trust.Regions)
        {
            var recorded = state?.Nodes.FirstOrDefault(n => n.Region == region.Id);
            using var process = recorded is null ? null : ClusterState.Live(recorded);
            rows.Add((region.Id, region.Endpoint.ToString(), process?.Id.ToString(CultureInfo.InvariantCulture) ?? "-",
                await HealthAsync(NodeTarget.Resolve(region.Id, layout.Directory, null), invocation.Cancel), layout.Log(region.Id)));
        }
        var healthy = rows.All(r => r.Health == "SERVING");
        if (invocation.Json)
        {
            invocation.WriteJson(new { cluster = layout.Directory, healthy, nodes = rows.Select(r => new { r.Region, r.Endpoint, r.Pid, r.Health, r.Log }) });
        }
        else
        {
            var table = Marks.Table("region", "endpoint", "pid", "health", "log");
            foreach (var row in rows)
            {
                table.Row(row.Region, row.Endpoint, row.Pid, row.Health == "SERVING" ? Marks.Green(row.Health) : Marks.Red(row.Health), row.Log);
            }
            invocation.Screen.Write(table);
        }
        return healthy ? ExitCodes.Success : ExitCodes.Unavailable;
    }

    private static async Task<string> HealthAsync(NodeTarget target, CancellationToken cancel)
    {
        try
        {
            using var channel = NodeChannels.Open(target);
            var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(3), cancellationToken: cancel);
            return reply.Status.ToString().ToUpperInvariant();
        }
        catch (RpcException ex)
        {
            return ex.StatusCode == StatusCode.Unavailable ? "UNREACHABLE" : RpcErrors.Name(ex.StatusCode);
        }
    }
}

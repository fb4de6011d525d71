using System.CommandLine;
using Regional.Cli.Cluster;

namespace Regional.Cli.Commands;

/// <summary>`regional cluster down`: stops the node processes recorded in cluster.json (from any terminal).</summary>
internal static class ClusterDownCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("down", """
            Stop a running cluster's nodes (SIGTERM, then kill after 10 s). Keys and ledgers stay.
            Example: regional cluster down
            """);
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var layout = new ClusterLayout(invocation.ClusterDirectory);
        var state = ClusterState.Read(layout);
        var live = state?.Nodes.Select(n => (n.Region, Process: ClusterState.Live(n))).Where(n => n.Process is not null).ToList() ?? [];
        if (live.Count == 0)
        {
            File.Delete(layout.StateFile);
            invocation.Hint($"no cluster is running in {layout.Directory}");
            return ExitCodes.Success;
        }
        await Task.WhenAll(live.Select(n => NodeProcesses.StopAsync(n.Process!, TimeSpan.FromSeconds(10))));
        foreach (var (region, process) in live)
        {
            invocation.Hint($"stopped {region} (pid {process!.Id})");
            process.Dispose();
        }
        File.Delete(layout.StateFile);
        if (invocation.Json)
        {
            invocation.WriteJson(new { stopped = live.Select(n => n.Region) });
        }
        return ExitCodes.Success;
    }
}

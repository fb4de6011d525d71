using System.Diagnostics;
using System.Text.Json;

namespace Regional.Cli.Cluster;

/// <summary>One running node process as `cluster up` recorded it.</summary>
internal sealed record NodeProcessInfo(string Region, int Pid, DateTimeOffset StartedAt, string Endpoint, string Log);

/// <summary>cluster.json: the node processes of a running cluster, so `cluster down` and `cluster status`
/// work from another terminal. A pid counts only while a process with that pid started at that time.</summary>
internal sealed record ClusterState(int UpPid, string Suite, IReadOnlyList<NodeProcessInfo> Nodes)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static ClusterState? Read(ClusterLayout layout)
    {
        try
        {
            return File.Exists(layout.StateFile) ? JsonSerializer.Deserialize<ClusterState>(File.ReadAllText(layout.StateFile), Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Write(ClusterLayout layout) => File.WriteAllText(layout.StateFile, JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>The live process of a recorded node, or null when it has exited (or the pid was reused).</summary>
    public static Process? Live(NodeProcessInfo node)
    {
        try
        {
            var process = Process.GetProcessById(node.Pid);
            if (!process.HasExited && Math.Abs((process.StartTime.ToUniversalTime() - node.StartedAt.UtcDateTime).TotalSeconds) < 5)
            {
                return process;
            }
            process.Dispose();
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}

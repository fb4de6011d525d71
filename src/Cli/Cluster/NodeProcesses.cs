using System.Diagnostics;
using Grpc.Health.V1;
using Regional.Cli.Connection;

namespace Regional.Cli.Cluster;

/// <summary>Starts, watches and stops the node processes of a cluster: `dotnet Regional.Node.dll` from
/// beside this CLI, its output appended to logs/REGION.log, stopped with SIGTERM (graceful) and then
/// killed if it does not exit in time.</summary>
internal static class NodeProcesses
{
    public static string NodeAssembly => Path.Combine(AppContext.BaseDirectory, "Regional.Node.dll");

    public static Process Start(ClusterLayout layout, string region, Uri endpoint, string suite, string? postgres = null) =>
        Launch(layout, region, ["--region", region, "--data", layout.DataDirectory(region), "--listen", $"{endpoint.Host}:{endpoint.Port}",
            "--suite", suite, .. Tls(layout, layout.NodeCertificate(region), layout.NodeKey(region)),
            .. postgres is null ? Array.Empty<string>() : ["--Storage:Engine=postgres"]],
            postgres is null ? null : new Dictionary<string, string> { ["REGIONAL_Storage__ConnectionString"] = postgres });

    /// <summary>A read-only mirror named <paramref name="name"/> (data in &lt;cluster&gt;/NAME, log in logs/NAME.log).</summary>
    public static Process StartMirror(ClusterLayout layout, string name, int port, string suite) =>
        Launch(layout, name, ["--mode", "mirror", "--mirror-name", name, "--data", layout.DataDirectory(name),
            "--listen", $"127.0.0.1:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            "--suite", suite, .. Tls(layout, layout.MirrorCertificate(name), layout.MirrorKey(name))]);

    private static string[] Tls(ClusterLayout layout, string certificate, string key) =>
    [
        $"--Node:CertificatePath={certificate}", $"--Node:CertificateKeyPath={key}",
        $"--Node:CaCertificatePath={layout.CaCertificate}", $"--Federation:TrustFile={layout.TrustFile}",
    ];

    /// <param name="environment">Set for the node only: a connection string goes there, not on its command line,
    /// where any user of the machine could read it.</param>
    private static Process Launch(ClusterLayout layout, string name, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(layout.Log(name))!);
        // Through sh, so the node writes its log file itself and outlives a CLI that is killed.
        var command = $"exec {Quote(DotnetHost())} {Quote(NodeAssembly)} {string.Join(' ', args.Select(Quote))} >> {Quote(layout.Log(name))} 2>&1 < /dev/null";
        var info = new ProcessStartInfo("/bin/sh") { WorkingDirectory = AppContext.BaseDirectory, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        return Process.Start(info) ?? throw new CliException($"could not start the {name} node");
    }

    /// <summary>Waits until the node answers gRPC health SERVING; false when the process exits or time runs out.</summary>
    /// <summary>Why a node that did not become healthy failed, from its log: the first line naming an
    /// exception or a refusal to start (the cause), then the log's last lines.</summary>
    public static IEnumerable<string> Why(string log)
    {
        if (!File.Exists(log))
        {
            return ["(no log)"];
        }
        var lines = File.ReadAllLines(log);
        var cause = lines.FirstOrDefault(l => l.Contains("Exception:", StringComparison.Ordinal) || l.Contains("cannot start", StringComparison.Ordinal));
        var tail = lines.TakeLast(4);
        return cause is null || tail.Contains(cause) ? tail : [cause, "...", .. tail];
    }

    public static async Task<bool> WaitHealthyAsync(Process process, NodeTarget target, TimeSpan timeout, CancellationToken cancel)
    {
        using var channel = NodeChannels.Open(target);
        var client = new Health.HealthClient(channel);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                var reply = await client.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: cancel);
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return true;
                }
            }
            catch (Grpc.Core.RpcException) when (!cancel.IsCancellationRequested)
            {
                // Not listening yet.
            }
            await Task.Delay(200, cancel);
        }
        return false;
    }

    /// <summary>SIGTERM, wait, then kill: the node seals and closes its database on SIGTERM.</summary>
    public static async Task StopAsync(Process process, TimeSpan grace)
    {
        if (process.HasExited)
        {
            return;
        }
        if (OperatingSystem.IsWindows() || !await TerminateAsync(process.Id))
        {
            process.Kill(entireProcessTree: true);
        }
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>The dotnet host that runs this CLI (also under `dotnet run` and `dotnet test`), else dotnet on PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }
        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Sends SIGTERM with kill(1); false when that fails.</summary>
    private static async Task<bool> TerminateAsync(int pid)
    {
        var info = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        info.ArgumentList.Add("-TERM");
        info.ArgumentList.Add(pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var kill = Process.Start(info);
        if (kill is null)
        {
            return false;
        }
        await kill.WaitForExitAsync();
        return kill.ExitCode == 0;
    }
}

using System.CommandLine;
using System.Globalization;
using Regional.Cli.Cluster;
using Regional.Cli.Connection;
using Regional.LicenseVerifier.Trust;
using Regional.Provisioning;

namespace Regional.Cli.Commands;

/// <summary>`regional cluster mirror NAME [--port P]`: starts a read-only mirror node of the running
/// development cluster in this terminal (its certificate issued from the cluster's CA on first run),
/// waits until it serves, and stops it on Ctrl-C or SIGTERM.</summary>
internal static class ClusterMirrorCommand
{
    public const int DefaultPort = 7201;

    private static readonly Argument<string> Name = new("name") { Description = "The mirror's name, e.g. mirror-1: its certificate names urn:regional:mirror:NAME, its data is in <cluster>/NAME." };
    private static readonly Option<int> Port = new("--port") { Description = "The loopback port it listens on; give each mirror its own (7202, 7203, ...).", DefaultValueFactory = _ => DefaultPort };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("mirror", $"""
            Start a read-only mirror node of the running cluster in this terminal; Ctrl-C stops it. It follows
            every region of the cluster and answers VerifyLicense, ledger status and proofs; writes are refused with
            READ_ONLY_MIRROR and the issuing region's endpoint. On first run, issues its certificate
            (<cluster>/NAME/tls/mirror.crt) from the cluster's development CA; later runs reuse it and the data.
            Default port {DefaultPort}; start a second mirror with --port 7202.
            Example: regional cluster mirror mirror-1
                     regional license verify BJ-2026-000001 --node https://127.0.0.1:{DefaultPort}
            """) { Name, Port };
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var layout = new ClusterLayout(invocation.ClusterDirectory);
        var (name, port) = (invocation.Value(Name), invocation.Value(Port));
        var trust = Prepare(layout, name, port);
        if (MirrorSetup.EnsureCertificate(layout, name))
        {
            invocation.Hint($"made mirror certificate {layout.MirrorCertificate(name)} (urn:regional:mirror:{name})");
        }
        var endpoint = $"https://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var target = NodeTarget.Resolve(endpoint, layout.Directory, null);
        using var process = NodeProcesses.StartMirror(layout, name, port, trust.Suite);
        try
        {
            invocation.Hint($"starting mirror {name} at {endpoint}; waiting until it has caught up with {string.Join(", ", trust.Regions.Select(r => r.Id))}");
            if (!await NodeProcesses.WaitHealthyAsync(process, target, TimeSpan.FromSeconds(60), invocation.Cancel))
            {
                throw new CliException($"mirror {name} did not become healthy; from its log {layout.Log(name)}:\n  {string.Join("\n  ", NodeProcesses.Why(layout.Log(name)))}", ExitCodes.Unavailable);
            }
            Report(invocation, layout, name, endpoint, process.Id);
            await process.WaitForExitAsync(invocation.Cancel);
            await invocation.Console.Error.WriteLineAsync($"regional: mirror {name} stopped (exit code {process.ExitCode})");
            return process.ExitCode is 0 or 143 ? ExitCodes.Success : ExitCodes.Unavailable;
        }
        catch (OperationCanceledException) when (invocation.Cancel.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
        finally
        {
            await NodeProcesses.StopAsync(process, TimeSpan.FromSeconds(10));
            invocation.Hint($"mirror {name} stopped");
        }
    }

    /// <summary>The cluster's trust file, once NAME, the folder, the running cluster and the port are fine.</summary>
    private static TrustFile Prepare(ClusterLayout layout, string name, int port)
    {
        if (!File.Exists(layout.TrustFile) || !File.Exists(layout.CaKey))
        {
            throw new CliException($"no cluster in {layout.Directory}: start one with `regional cluster up` (or give --cluster DIR)");
        }
        var trust = TrustFileStore.Read(layout.TrustFile).File ?? throw new CliException($"{layout.TrustFile} is not a trust file");
        if (MirrorSetup.NameProblem(name, trust) is { } problem)
        {
            throw new CliException(problem);
        }
        if (port is < 1 or > 65535)
        {
            throw new CliException($"--port: got {port}, want 1..65535");
        }
        if (ClusterState.Read(layout)?.Nodes.Select(ClusterState.Live).FirstOrDefault(p => p is not null) is not { } running)
        {
            throw new CliException($"the cluster in {layout.Directory} is not running: start it first with `regional cluster up`", ExitCodes.Unavailable);
        }
        running.Dispose();
        if (!MirrorSetup.IsFree(port))
        {
            throw new CliException($"--port: 127.0.0.1:{port} is in use (another mirror?); choose another, e.g. --port {port + 1}", ExitCodes.Negative);
        }
        return trust;
    }

    private static void Report(Invocation invocation, ClusterLayout layout, string name, string endpoint, int pid)
    {
        var log = layout.Log(name);
        if (invocation.Json)
        {
            invocation.WriteJson(new { name, endpoint, pid, log, certificate = layout.MirrorCertificate(name) });
            return;
        }
        var cluster = layout.Directory == Path.GetFullPath("cluster") ? "" : $" --cluster {layout.Directory}";
        var shown = Path.GetRelativePath(Environment.CurrentDirectory, log) is { } relative && !relative.StartsWith("..", StringComparison.Ordinal) ? relative : log;
        invocation.Out.WriteLine($"Mirror {name} ready at {endpoint} (pid {pid.ToString(CultureInfo.InvariantCulture)}, log {shown}).");
        invocation.Out.WriteLine($"  verify through it:  regional license verify LICENCE-ID --node {endpoint}{cluster}");
        invocation.Out.WriteLine($"  its ledger status:  regional ledger status --node {endpoint}{cluster}");
        invocation.Out.WriteLine("Writes sent to it are refused (READ_ONLY_MIRROR) with the issuing region's endpoint. Press Ctrl-C to stop it.");
        invocation.Out.Flush();
    }
}

using System.CommandLine;
using System.Diagnostics;
using Regional.Cli.Cluster;
using Regional.Cli.Connection;
using Regional.Cli.Output;

namespace Regional.Cli.Commands;

/// <summary>`regional cluster up`: makes the development federation on first run, starts one node process per region
/// (bj, tj and he unless --regions names others), waits until each is healthy, and stops them all on Ctrl-C or SIGTERM.</summary>
internal static class ClusterUpCommand
{
    private static readonly Option<string> Suite = new("--suite") { Description = "Crypto suite of a new cluster: gm (SM2/SM3) or intl (Ed25519/SHA-256).", DefaultValueFactory = _ => "gm" };
    private static readonly Option<int> Port = new("--port") { Description = "Port of the first region of a new cluster; each next region takes the next port.", DefaultValueFactory = _ => 7101 };
    private static readonly Option<string?> Regions = new("--regions")
    {
        Description = "The regions of a new cluster, comma-separated, each 2 to 8 lower-case letters (its licence ids begin with it in capitals), "
            + "e.g. bj,tj,he,hd,xa for Beijing, Tianjin, Hebei, a Haidian district node and Xiong'an. Default: bj,tj,he. A cluster keeps its regions.",
    };
    private static readonly Option<int?> WitnessQuorum = new("--witness-quorum")
    {
        Description = "Cosignatures of other regions a new cluster's trust file asks of each checkpoint. Default: 1 for up to three regions, else 2.",
    };
    private static readonly Option<string?> Storage = new("--storage")
    {
        Description = "sqlite (default: ledger.db in each region's folder) or postgres: one database per region on PostgreSQL, on a server "
            + "the cluster runs itself in <cluster>/postgres (Debian's postgresql binaries) unless --postgres names one. A cluster keeps the "
            + "storage it was made with.",
    };
    private static readonly Option<string?> Postgres = new("--postgres")
    {
        Description = "With --storage postgres: the server to use instead of the cluster's own, as an Npgsql connection string "
            + "(\"Host=db;Port=5432;Username=regional;Password=...\"); the regions' databases are made there if missing.",
    };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("up", """
            Start the cluster (bj, tj, he unless --regions names others) in this terminal; Ctrl-C stops it. On first
            run, makes a development CA, the regions' keys and certificates, demo client certificates and the trust
            file in the cluster folder; later runs reuse them and the ledgers. A port already in use is named before
            any node starts (exit 2).
            Example: regional cluster up
            Example: regional cluster up --storage postgres
            Example: regional cluster up --dir five --port 7301 --regions bj,tj,he,hd,xa
            """) { Suite, Port, Regions, WitnessQuorum, Storage, Postgres };
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var layout = new ClusterLayout(invocation.ClusterDirectory);
        var (regions, quorum) = Federation(layout, invocation.Value(Regions), invocation.Value(WitnessQuorum));
        if (ClusterState.Read(layout)?.Nodes.Select(ClusterState.Live).FirstOrDefault(p => p is not null) is { } running)
        {
            throw new CliException($"the cluster in {layout.Directory} is already running (pid {running.Id}); stop it with: regional cluster down", ExitCodes.Negative);
        }
        var taken = ClusterSetup.Endpoints(layout, invocation.Value(Port), regions).Where(e => !MirrorSetup.IsFree(e.Endpoint.Port)).ToList();
        if (taken.Count > 0)
        {
            var ports = string.Join(", ", taken.Select(t => $"{t.Endpoint.Port} ({t.Region})"));
            throw new CliException($"port {ports} already in use (another cluster or another program); no node was started.\n" +
                (File.Exists(layout.TrustFile)
                    ? $"  The cluster in {layout.Directory} has its ports in its trust file: stop what holds them, or start another cluster with --dir DIR --port PORT."
                    : "  Stop what holds them, or choose others with --port PORT (the first region takes PORT, each next one the next port)."));
        }
        var postgres = UsesPostgres(layout, regions[0], invocation.Value(Storage), invocation.Value(Postgres));
        var (trust, made) = ClusterSetup.Ensure(layout, invocation.Value(Suite), invocation.Value(Port), regions, quorum);
        foreach (var item in made)
        {
            invocation.Hint($"made {item}");
        }
        var nodes = new List<(string Region, Process Process, NodeTarget Target)>();
        using var database = postgres
            ? await ClusterDatabase.StartAsync(layout, invocation.Value(Postgres), trust.Regions.Select(r => r.Id), invocation.Hint, invocation.Cancel)
            : null;
        try
        {
            foreach (var region in trust.Regions)
            {
                var process = NodeProcesses.Start(layout, region.Id, new Uri(region.Endpoint), trust.Suite, database?.ConnectionStringFor(region.Id));
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

    /// <summary>The cluster's regions and witness quorum: its trust file's, or for a new cluster as asked (default bj, tj,
    /// he with quorum 1). Asking an existing cluster for other regions or another quorum is refused: its keys, trust
    /// file and ledgers are made for those it has.</summary>
    private static (IReadOnlyList<string> Regions, int Quorum) Federation(ClusterLayout layout, string? asked, int? askedQuorum)
    {
        var regions = asked is null ? ClusterLayout.DefaultRegions : [.. asked.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
        var bad = regions.Where(r => !LicenseVerifier.LicenseId.IsRegionId(r)).ToList();
        if (bad.Count > 0 || regions.Count == 0 || regions.Count > MaxRegions || regions.Distinct().Count() != regions.Count)
        {
            throw new CliException($"--regions: got '{Output.SafeText.Escape(asked ?? "")}', want 1 to {MaxRegions} different regions, comma-separated, "
                + "each 2 to 8 lower-case letters, e.g. bj,tj,he,hd,xa");
        }
        var quorum = askedQuorum ?? (regions.Count <= 3 ? Math.Min(1, regions.Count - 1) : 2);
        if (quorum < 0 || quorum > regions.Count - 1)
        {
            throw new CliException($"--witness-quorum: got {quorum}, want 0 to {regions.Count - 1}: the other regions witness a region's checkpoints");
        }
        if (ClusterSetup.Existing(layout) is not { } trust)
        {
            return (regions, quorum);
        }
        var have = trust.Regions.Select(r => r.Id).ToList();
        if (asked is not null && !have.SequenceEqual(regions))
        {
            throw new CliException($"--regions: the cluster in {layout.Directory} has the regions {string.Join(",", have)}; start it without --regions, "
                + "or make another cluster with --dir DIR --regions ...");
        }
        if (askedQuorum is not null && askedQuorum != trust.WitnessQuorum)
        {
            throw new CliException($"--witness-quorum: the cluster in {layout.Directory} asks {trust.WitnessQuorum} (its trust file); start it without "
                + "--witness-quorum, or make another cluster with --dir DIR");
        }
        return (have, trust.WitnessQuorum);
    }

    /// <summary>The most regions a development cluster runs on one machine.</summary>
    private const int MaxRegions = 16;

    /// <summary>Whether the cluster runs on PostgreSQL: as asked, or as it was made (its own server's folder exists).
    /// A cluster made on one engine cannot be started on the other: its ledgers are there.</summary>
    private static bool UsesPostgres(ClusterLayout layout, string firstRegion, string? storage, string? server)
    {
        var asked = storage ?? (server is not null ? "postgres" : null);
        if (asked is not (null or "sqlite" or "postgres"))
        {
            throw new CliException($"--storage: got '{Output.SafeText.Escape(asked)}', want sqlite or postgres");
        }
        if (server is not null && asked != "postgres")
        {
            throw new CliException("--postgres names a server for --storage postgres; drop --storage sqlite or --postgres");
        }
        // What the cluster was made with: <cluster>/storage says postgres (own server) or postgres-external.
        var marker = Path.Combine(layout.Directory, "storage");
        var made = File.Exists(marker) ? File.ReadAllText(marker).Trim()
            : File.Exists(Path.Combine(layout.DataDirectory(firstRegion), "ledger.db")) ? "sqlite" : null;
        var wanted = asked == "postgres" ? (server is null ? "postgres" : "postgres-external") : asked ?? made ?? "sqlite";
        if (made is not null && made != wanted)
        {
            throw new CliException($"the cluster in {layout.Directory} was made on {Describe(made)}, and its ledgers are there: "
                + (made == "postgres-external" ? "start it with --postgres CONNECTION again" : "start it without --storage and --postgres")
                + ", or make another cluster with --dir DIR");
        }
        if (made is null && wanted != "sqlite")
        {
            Directory.CreateDirectory(layout.Directory);
            File.WriteAllText(marker, wanted + "\n");
        }
        return wanted != "sqlite";

        static string Describe(string engine) => engine switch
        {
            "postgres" => "its own PostgreSQL server (<cluster>/postgres)",
            "postgres-external" => "a PostgreSQL server named by --postgres",
            _ => "SQLite",
        };
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

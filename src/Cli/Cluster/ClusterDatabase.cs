using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Regional.Cli.Cluster;

/// <summary>
/// The development cluster on PostgreSQL (`cluster up --storage postgres`, docs/storage.md): one database per
/// region (regional_bj, regional_tj, regional_he) on the server `--postgres` names, or on a throwaway server
/// the cluster runs itself from Debian's postgresql binaries: `initdb` once into &lt;cluster&gt;/postgres/data,
/// `pg_ctl start` on a free loopback port at every `cluster up`, `pg_ctl stop` when the cluster stops. Its log
/// is &lt;cluster&gt;/postgres/server.log. As root, the server runs as the postgres user, which initdb requires: the
/// cluster folder must then be one that user can reach.
/// Trust authentication on 127.0.0.1 only: a development server, never a production one.
/// </summary>
internal sealed class ClusterDatabase : IDisposable
{
    private readonly string? _ownData;
    private readonly string? _bin;

    private ClusterDatabase(string server, string? ownData, string? bin)
    {
        Server = server;
        _ownData = ownData;
        _bin = bin;
    }

    /// <summary>The server's connection string (its maintenance database).</summary>
    public string Server { get; }

    /// <summary>Starts the cluster's own server (made on first use), or takes <paramref name="server"/>; then makes the
    /// regions' databases that are missing.</summary>
    public static async Task<ClusterDatabase> StartAsync(ClusterLayout layout, string? server, IEnumerable<string> regions, Action<string> hint, CancellationToken cancel)
    {
        ClusterDatabase database;
        if (server is not null)
        {
            database = new ClusterDatabase(server, null, null);
        }
        else
        {
            var bin = Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                    .OrderBy(d => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : new Version(0, 0)).LastOrDefault()
                : null;
            if (bin is null)
            {
                throw new CliException("--storage postgres: no PostgreSQL binaries in /usr/lib/postgresql/*/bin: install Debian's postgresql "
                    + "(apt-get install postgresql), or name a server with --postgres \"Host=...;Port=...;Username=...;Password=...\"");
            }
            var data = OwnData(layout);
            var folder = Path.GetDirectoryName(data)!;
            if (!Directory.Exists(data))
            {
                Directory.CreateDirectory(folder);
                OwnFolder(folder);
                await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "regional", "-E", "UTF8", "--locale=C.UTF-8"], cancel);
                hint($"made a PostgreSQL server in {folder}");
            }
            var port = FreePort();
            await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
                "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1", "start"], cancel);
            database = new ClusterDatabase($"Host=127.0.0.1;Port={port};Username=regional;Database=postgres", data, bin);
        }
        try
        {
            await database.CreateDatabasesAsync(regions, cancel);
            return database;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>A region node's Storage:ConnectionString.</summary>
    public string ConnectionStringFor(string region) => new NpgsqlConnectionStringBuilder(Server) { Database = $"regional_{region}" }.ConnectionString;

    /// <summary>Stops the cluster's own server (a given server is left alone).</summary>
    public void Dispose()
    {
        if (_ownData is not null && _bin is not null && File.Exists(Path.Combine(_ownData, "postmaster.pid")))
        {
            RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", _ownData, "-m", "fast", "-w", "stop"], CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    private async Task CreateDatabasesAsync(IEnumerable<string> regions, CancellationToken cancel)
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync(cancel);
        foreach (var region in regions)
        {
            var name = $"regional_{region}";
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", name);
            if (await exists.ExecuteScalarAsync(cancel) is null)
            {
                // The name is made of a region code ([a-z]), never of caller text.
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync(cancel);
            }
        }
    }

    private static string OwnData(ClusterLayout layout) => Path.Combine(layout.Directory, "postgres", "data");

    /// <summary>As root, the server's folder belongs to the postgres user, as initdb requires.</summary>
    private static void OwnFolder(string folder)
    {
        if (Environment.UserName == "root")
        {
            using var chown = Process.Start("chown", ["postgres", folder]);
            chown.WaitForExit();
        }
    }

    private static async Task RunAsync(string program, string[] args, CancellationToken cancel)
    {
        var info = Environment.UserName == "root"
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. args])
            : new ProcessStartInfo(program, args);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info) ?? throw new CliException($"could not run {program}");
        var output = process.StandardOutput.ReadToEndAsync(cancel);
        var error = process.StandardError.ReadToEndAsync(cancel);
        await process.WaitForExitAsync(cancel);
        if (process.ExitCode != 0)
        {
            throw new CliException($"{Path.GetFileName(program)} failed (exit {process.ExitCode}): {(await error + await output).Trim()}", ExitCodes.Unavailable);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

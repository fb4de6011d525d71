using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace Regional.Node.Benchmarks;

/// <summary>
/// A regional node run as a separate process with `dotnet Regional.Node.dll` on a 127.0.0.1 port, with
/// its own temporary data folder: alone (region bj, the development TLS certificate it creates there), or
/// as one node of a <see cref="FederationProcesses"/> (CA-issued certificate, trust file). The channel
/// pins exactly the node's certificate. Disposing kills the process (SIGKILL,
/// which the ledger must survive anyway) and deletes the folder.
/// </summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly string _certificatePath;
    private readonly X509Certificate2? _clientCertificate;
    private readonly (string Server, string Database)? _postgres;

    private NodeProcess(Process process, string dataDirectory, int port, StreamWriter log, string certificatePath, X509Certificate2? clientCertificate,
        (string Server, string Database)? postgres = null)
    {
        _postgres = postgres;
        _certificatePath = certificatePath;
        _clientCertificate = clientCertificate;
        _process = process;
        DataDirectory = dataDirectory;
        Port = port;
        _log = log;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public int Pid => _process.Id;

    /// <summary>CPU time (user + system) the node has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public string DatabasePath => Path.Combine(DataDirectory, "ledger.db");

    /// <summary>The node's database on PostgreSQL (`--postgres`), or null on SQLite.</summary>
    public string? PostgresDatabase => _postgres?.Database;

    public GrpcChannel Channel { get; private set; } = null!;

    public static Task<NodeProcess> StartAsync(Arguments arguments)
    {
        var data = Path.Combine(Path.GetTempPath(), "regional-bench", $"bj-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        return StartAsync(arguments, "bj", data, NodeLaunch.FreePort(), Path.Combine(data, "tls", "node.crt"), []);
    }

    /// <summary>Starts a node of region on port with its data folder (made by the caller, deleted on disposal);
    /// the channel pins the certificate in servedCertificatePath and presents clientCertificate, if any;
    /// extra are more node switches.</summary>
    public static async Task<NodeProcess> StartAsync(Arguments arguments, string region, string data, int port, string servedCertificatePath,
        IEnumerable<string> extra, X509Certificate2? clientCertificate = null)
    {
        var dll = arguments.Text("node") ?? NodeLaunch.DefaultNodeDll();
        if (!File.Exists(dll))
        {
            throw new BenchmarkException($"node not built: {dll} is missing; run `dotnet build Regional.sln -c Release`");
        }
        // From the node's own folder, as `regional cluster up` starts it: an older node reads appsettings.json
        // from its working directory, and without it logs every request (figures before issue 15 paid for that).
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
        };
        var settings = arguments.NodeSettings().Concat(extra).ToList();
        if (!settings.Any(s => s.StartsWith("--Node:CaCertificatePath=", StringComparison.Ordinal)))
        {
            // A lone benchmark node without a CA measures the ledger, not authorisation.
            settings.Add("--development-open-access");
        }
        (string Server, string Database)? postgres = null;
        if (arguments.Text("postgres") is { } server)
        {
            // A database of its own on the server; the connection string through the environment, as in production.
            postgres = (server, PostgresFloor.CreateDatabase(server));
            settings.Add("--Storage:Engine=postgres");
            info.Environment["REGIONAL_Storage__ConnectionString"] = postgres.Value.Database;
        }
        foreach (var arg in new[] { dll, "--region", region, "--data", data, "--listen", $"127.0.0.1:{port}" }.Concat(settings))
        {
            info.ArgumentList.Add(arg);
        }
        var log = new StreamWriter(Path.Combine(data, "node.log")) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new BenchmarkException("could not start dotnet");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new NodeProcess(process, data, port, log, servedCertificatePath, clientCertificate, postgres);
        try
        {
            await node.WaitServingAsync();
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits for the certificate file, then for Health/Check to answer SERVING.</summary>
    private async Task WaitServingAsync()
    {
        var certificatePath = _certificatePath;
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new BenchmarkException($"the node exited with code {_process.ExitCode}: {LogTail()}");
            }
            if (File.Exists(certificatePath))
            {
                Channel ??= NodeLaunch.PinnedChannel(Port, certificatePath, _clientCertificate);
                try
                {
                    if (await RawHealth.IsServingAsync(Channel.CreateCallInvoker()))
                    {
                        return;
                    }
                }
                catch (Grpc.Core.RpcException)
                {
                    // Not listening yet.
                }
            }
            await Task.Delay(200);
        }
        throw new BenchmarkException($"the node did not answer SERVING within {StartTimeout.TotalSeconds} s: {LogTail()}");
    }

    private string LogTail()
    {
        lock (_log)
        {
            using var reader = new StreamReader(new FileStream(Path.Combine(DataDirectory, "node.log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            return string.Join(Environment.NewLine, reader.ReadToEnd().Split('\n').TakeLast(10));
        }
    }

    /// <summary>Kills the node and waits for it to exit; the data folder (database, node.log) stays until disposal.</summary>
    public async Task KillAsync()
    {
        Channel?.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        _clientCertificate?.Dispose();
        await _log.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
        if (_postgres is { } postgres)
        {
            PostgresFloor.DropDatabase(postgres.Server, postgres.Database);
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }
}

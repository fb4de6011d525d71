using System.Net;
using System.Net.Sockets;
using Regional.Cli;

namespace Regional.Cli.Tests.Support;

/// <summary>A real `regional cluster up` (three node processes) run in-process on free loopback ports in
/// its own folder; disposing cancels it, which stops the nodes, and deletes the folder.</summary>
internal sealed class RunningCluster : IAsyncDisposable
{
    private CancellationTokenSource _stop = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private Task<int>? _up;

    public RunningCluster(string? directory = null)
    {
        Directory = directory ?? Path.Combine(Path.GetTempPath(), "regional-cli-tests", Guid.NewGuid().ToString("N"), "cluster");
    }

    public string Directory { get; }

    public int Port { get; private set; }

    /// <summary>Runs `cluster up` with the extra arguments and waits until `cluster status` says all serve.
    /// The free ports are chosen before the nodes bind them, and other tests running at the same time may
    /// take one in between: a failed start is tried once more, afresh, on new ports.</summary>
    public async Task StartAsync(params string[] args)
    {
        var first = await TryStartAsync(args);
        if (first is not null)
        {
            await TestContext.Out.WriteLineAsync($"cluster up failed once, trying new ports: {first}");
            await StopAsync();
            var second = await TryStartAsync(args);
            if (second is not null)
            {
                Assert.Fail(second);
            }
        }
    }

    /// <summary>Stops a failed start and removes what it made.</summary>
    private async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_up is not null)
        {
            await _up;
        }
        _stop.Dispose();
        _stop = new CancellationTokenSource();
        _up = null;
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true); // the trust file names the old ports
        }
    }

    /// <summary>One start; null when the cluster serves, else why not.</summary>
    private async Task<string?> TryStartAsync(string[] args)
    {
        Port = FreeBasePort();
        var console = new CliConsole(TextWriter.Synchronized(_output), TextWriter.Synchronized(_error), false, _ => null);
        _up = Task.Run(() => CliApp.RunAsync(["cluster", "up", "--cluster", Directory, "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. args], console, cancel: _stop.Token));
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_up.IsCompleted)
            {
                return $"cluster up ended with {await _up}: {_error}";
            }
            // Ready once `cluster up` itself has said so (it has seen every node healthy) and `cluster status` agrees.
            if (_output.ToString().Contains("Cluster ready", StringComparison.Ordinal) && (await CliRun.InAsync(Directory, "cluster", "status")).Exit == 0)
            {
                return null;
            }
            await Task.Delay(250);
        }
        return $"the cluster did not become healthy: {_error}";
    }

    public string UpOutput => _output.ToString();

    public string UpError => _error.ToString();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_up is not null)
        {
            await _up;
        }
        _stop.Dispose();
        try
        {
            System.IO.Directory.Delete(Path.GetDirectoryName(Directory)!, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    /// <summary>A port p with p, p+1 and p+2 free on loopback.</summary>
    private static int FreeBasePort()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var start = Random.Shared.Next(20000, 50000);
            if (Enumerable.Range(start, 5).All(IsFree)) // up to five regions
            {
                return start;
            }
        }
        throw new InvalidOperationException("no five consecutive free ports");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

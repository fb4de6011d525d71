using System.Net;
using System.Net.Sockets;
using Regional.Cli;

namespace Regional.Cli.Tests.Support;

/// <summary>A real `regional cluster mirror NAME --port P` run in-process in the background against a
/// running cluster, on a free loopback port; <see cref="StopAsync"/> cancels it as Ctrl-C would.</summary>
internal sealed class RunningMirror(string cluster, string name) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private Task<int>? _run;

    public int Port { get; } = FreePort();

    public string Url => $"https://127.0.0.1:{Port}";

    public string Output => _output.ToString();

    public string Error => _error.ToString();

    /// <summary>Starts it and waits (up to 90 s) until it reports ready; fails the test if it ends first.</summary>
    public async Task StartAsync()
    {
        var console = new CliConsole(TextWriter.Synchronized(_output), TextWriter.Synchronized(_error), false, _ => null);
        string[] args = ["cluster", "mirror", name, "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--cluster", cluster];
        _run = Task.Run(() => CliApp.RunAsync(args, console, cancel: _stop.Token));
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !Output.Contains(" ready at ", StringComparison.Ordinal))
        {
            if (_run.IsCompleted)
            {
                Assert.Fail($"cluster mirror ended with {await _run}: {Error}");
            }
            await Task.Delay(250);
        }
        Assert.That(Output, Does.Contain(" ready at "), $"the mirror did not become healthy: {Error}");
    }

    /// <summary>Cancels the command (as Ctrl-C does) and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return _run is null ? 0 : await _run;
    }

    /// <summary>True when something accepts connections on the mirror's port.</summary>
    public bool IsListening()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

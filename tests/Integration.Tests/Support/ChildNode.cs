using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Regional.V1;

namespace Regional.Integration.Tests.Support;

/// <summary>
/// A bj node run as a child process (`dotnet Regional.Node.dll`) on a fixed 127.0.0.1 port and data
/// folder, so it can be killed with SIGKILL and started again on the same database. The channel pins
/// the development certificate the node writes to &lt;data&gt;/tls/node.crt, unless <paramref name="connect"/> makes
/// it (a node with a CA-issued certificate: trust that, present a client certificate). Its output goes to &lt;data&gt;/node.log.
/// </summary>
internal sealed class ChildNode(string dataDirectory, int port, IReadOnlyList<string> settings, Func<GrpcChannel>? connect = null) : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private Process? _process;

    public string DataDirectory { get; } = dataDirectory;

    public GrpcChannel Channel { get; private set; } = null!;

    /// <summary>src/RegionalNode/bin/Release/net10.0/Regional.Node.dll of the repository holding the test assembly.</summary>
    public static string NodeDll()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Regional.sln")))
        {
            directory = directory.Parent;
        }
        Assert.That(directory, Is.Not.Null, $"no Regional.sln above {AppContext.BaseDirectory}");
        var dll = Path.Combine(directory!.FullName, "src", "RegionalNode", "bin", "Release", "net10.0", "Regional.Node.dll");
        Assert.That(File.Exists(dll), Is.True, $"node not built: {dll} is missing; run `dotnet build Regional.sln -c Release` first");
        return dll;
    }

    /// <summary>A port on 127.0.0.1 that nobody listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the process and waits until GetLedgerStatus answers (the ledger is open and verified).</summary>
    public async Task StartAsync()
    {
        Launch();
        await WaitServingAsync(StartTimeout);
    }

    /// <summary>Starts the process without waiting for it (a standby, which waits for the writer lease).</summary>
    public void Launch()
    {
        Channel?.Dispose();
        Channel = null!;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { NodeDll(), "--region", "bj", "--data", DataDirectory, "--listen", $"127.0.0.1:{port}" }.Concat(settings))
        {
            info.ArgumentList.Add(arg);
        }
        var log = Path.Combine(DataDirectory, "node.log");
        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        _process.OutputDataReceived += (_, e) => Append(log, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Waits until the launched process answers GetLedgerStatus on its port.</summary>
    public async Task WaitServingAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            Assert.That(_process!.HasExited, Is.False, $"the node exited with code {(_process.HasExited ? _process.ExitCode : 0)}: {LogTail()}");
            var certificate = Path.Combine(DataDirectory, "tls", "node.crt");
            if (connect is not null || File.Exists(certificate))
            {
                Channel ??= connect?.Invoke() ?? PinnedChannel(port, certificate);
                try
                {
                    var ledger = new LedgerService.LedgerServiceClient(Channel);
                    await ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
                    return;
                }
                catch (RpcException)
                {
                    // Not listening yet.
                }
            }
            await Task.Delay(50);
        }
        Assert.Fail($"the node did not answer within {timeout.TotalSeconds} s: {LogTail()}");
    }

    /// <summary>SIGKILL (Process.Kill on Linux): no shutdown hook, no flush, no last commit. The channel stays
    /// usable (calls fail) until the next start replaces it.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    public string LogTail()
    {
        var log = Path.Combine(DataDirectory, "node.log");
        lock (this)
        {
            return File.Exists(log) ? string.Join(Environment.NewLine, File.ReadAllLines(log).TakeLast(15)) : "(no log)";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Channel?.Dispose();
    }

    private void Append(string log, string? line)
    {
        if (line is not null)
        {
            lock (this)
            {
                File.AppendAllLines(log, [line]);
            }
        }
    }

    /// <summary>A channel that trusts exactly the certificate in the file (the node's development certificate).</summary>
    private static GrpcChannel PinnedChannel(int port, string certificatePath)
    {
        using var pinned = X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));
        var raw = pinned.RawData;
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(raw);
        return GrpcChannel.ForAddress($"https://127.0.0.1:{port}", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }
}

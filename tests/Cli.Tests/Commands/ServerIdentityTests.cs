using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Regional.Cli.Cluster;
using Regional.Cli.Tests.Support;

namespace Regional.Cli.Tests.Commands;

/// <summary>Attacks on the CLI's side of the connection: a server holding a certificate from the
/// cluster's own CA that is not the node the clerk asked for. The CLI must refuse before it sends
/// anything (its client certificate, a holder's id, a grant), exit 4 and say why.</summary>
public sealed class ServerIdentityTests : ClusterFixture
{
    [Test]
    public async Task LicenseShow_ClerkCertificatePosingAsBj_RefusedExitFourNothingSent()
    {
        // Arrange: a TLS server on loopback presenting tj-power-clerk's certificate, issued by the cluster CA;
        // a copy of the cluster folder whose trust file sends bj to it.
        var layout = new ClusterLayout(Dir);
        using var clerk = X509Certificate2.CreateFromPemFile(layout.ClientCertificate("tj-power-clerk"), layout.ClientKey("tj-power-clerk"));
        await using var impostor = ImpostorServer.Start(clerk);
        var folder = CopyWithBjAt($"https://127.0.0.1:{impostor.Port}");

        // Act
        var result = await CliRun.InAsync(folder, "license", "show", "BJ-2026-000001", "--node", "bj");

        // Assert
        Assert.That(result.Exit, Is.EqualTo(ExitCodes.Denied), result.ToString());
        Assert.That(result.Err, Does.Contain("not the node").And.Contain("urn:regional:client:tj:tj-power:clerk").And.Contain("urn:regional:node:bj"));
        Assert.That(impostor.BytesAfterHandshake, Is.Zero, "no request reached the impostor");
    }

    [Test]
    public async Task LicenseVerify_TjsNodeAnsweringForBj_RefusedExitFour()
    {
        // Arrange: tj's real node is a node, but not bj's: a trust file pointing bj at it must not be followed.
        var trust = JsonNode.Parse(File.ReadAllText(new ClusterLayout(Dir).TrustFile))!;
        var tj = trust["regions"]!.AsArray().Single(r => (string?)r!["id"] == "tj")!["endpoint"]!.GetValue<string>();
        var folder = CopyWithBjAt(tj);

        // Act
        var result = await CliRun.InAsync(folder, "license", "verify", "BJ-2026-000001", "--node", "bj");

        // Assert
        Assert.That(result.Exit, Is.EqualTo(ExitCodes.Denied), result.ToString());
        Assert.That(result.Err, Does.Contain("urn:regional:node:tj").And.Contain("want urn:regional:node:bj"));
    }

    [Test]
    public async Task LedgerStatus_TheRealNode_StillAnswers()
    {
        // Act: the check must not refuse the genuine node.
        var result = await CliRun.InAsync(Dir, "ledger", "status", "--node", "bj");

        // Assert
        Assert.That(result.Exit, Is.Zero, result.ToString());
    }

    /// <summary>A copy of the cluster's CA certificate, clients and trust file, with bj's endpoint replaced.</summary>
    private string CopyWithBjAt(string endpoint)
    {
        var layout = new ClusterLayout(Dir);
        var folder = Path.Combine(Path.GetTempPath(), "regional-cli-tests", "impostor-" + Guid.NewGuid().ToString("N"));
        var copy = new ClusterLayout(folder);
        Directory.CreateDirectory(Path.GetDirectoryName(copy.CaCertificate)!);
        Directory.CreateDirectory(Path.GetDirectoryName(copy.ClientCertificate("x"))!);
        File.Copy(layout.CaCertificate, copy.CaCertificate);
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(layout.ClientCertificate("x"))!))
        {
            File.Copy(file, Path.Combine(Path.GetDirectoryName(copy.ClientCertificate("x"))!, Path.GetFileName(file)));
        }
        var trust = JsonNode.Parse(File.ReadAllText(layout.TrustFile))!;
        trust["regions"]!.AsArray().Single(r => (string?)r!["id"] == "bj")!["endpoint"] = endpoint;
        File.WriteAllText(copy.TrustFile, trust.ToJsonString());
        return folder;
    }

    /// <summary>A TLS server that completes handshakes with a given certificate and counts what arrives after.</summary>
    private sealed class ImpostorServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly X509Certificate2 _certificate;
        private Task _loop = Task.CompletedTask;
        private long _bytes;

        private ImpostorServer(X509Certificate2 certificate) => _certificate = certificate;

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public long BytesAfterHandshake => Interlocked.Read(ref _bytes);

        public static ImpostorServer Start(X509Certificate2 certificate)
        {
            var server = new ImpostorServer(certificate);
            server._listener.Start();
            server._loop = server.AcceptAsync();
            return server;
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                _ = ServeAsync(client);
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    await using var tls = new SslStream(client.GetStream());
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                    {
                        ServerCertificate = _certificate,
                        ApplicationProtocols = [SslApplicationProtocol.Http2],
                    }, _stop.Token);
                    var buffer = new byte[4096];
                    int read;
                    while ((read = await tls.ReadAsync(buffer, _stop.Token)) > 0)
                    {
                        Interlocked.Add(ref _bytes, read);
                    }
                }
                catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
                {
                    // The client refused the handshake: what the test wants.
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _loop;
            _stop.Dispose();
        }
    }
}

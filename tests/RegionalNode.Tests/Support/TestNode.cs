using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Regional.Node.Hosting;
using Regional.Node.Configuration;

namespace Regional.Node.Tests.Support;

/// <summary>
/// A real regional node started in-process (NodeApp.Build) on a loopback port, with its own temporary
/// data folder and real TLS: <see cref="Channel"/> trusts exactly this node's certificate.
/// <see cref="RestartAsync"/> keeps the data folder and the port; disposing deletes the folder.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly TestNodeOptions _options;
    private WebApplication? _app;
    private GrpcChannel? _channel;
    private X509Certificate2? _defaultClient;
    private string? _listen;

    private TestNode(TestNodeOptions options)
    {
        _options = options;
        Clock = options.Clock ?? new ManualClock();
        DataDirectory = Path.Combine(Path.GetTempPath(), "regional-tests", $"{options.Region}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(DataDirectory);
        _options.Settings.TryGetValue("Node:Listen", out _listen);
    }

    public string Region => _options.Region;

    public string DataDirectory { get; }

    public TimeProvider Clock { get; }

    public CapturedLogs Logs { get; } = new();

    public string SigningKeyPath => Path.Combine(DataDirectory, "keys", "signing.key");

    public string CertificatePath => Path.Combine(DataDirectory, "tls", "node.crt");

    /// <summary>The running node's service provider.</summary>
    public IServiceProvider Services => Running.Services;

    /// <summary>The port the node listens on (kept across restarts).</summary>
    public int Port { get; private set; }

    /// <summary>https://127.0.0.1:port (http:// when insecure).</summary>
    public Uri Address => new($"{(_options.Insecure ? "http" : "https")}://127.0.0.1:{Port}");

    /// <summary>The node's TLS certificate as served (null when insecure).</summary>
    public X509Certificate2? Certificate { get; private set; }

    /// <summary>A channel to the node, pinned to its certificate; with a test CA it presents
    /// <see cref="DefaultClient"/>, an issuer certificate of "&lt;region&gt;-samr".</summary>
    public GrpcChannel Channel => _channel ?? throw new InvalidOperationException("the node is not running");

    private WebApplication Running => _app ?? throw new InvalidOperationException("the node is not running");

    /// <summary>A node not yet started: its data folder exists, so a test can put files there first.</summary>
    public static TestNode Create(TestNodeOptions? options = null) => new(options ?? new TestNodeOptions());

    public static async Task<TestNode> StartAsync(TestNodeOptions? options = null)
    {
        var node = Create(options);
        try
        {
            await node.StartAsync();
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    public async Task StartAsync()
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("the node is already running");
        }
        var app = NodeApp.Build(Arguments(), Configure);
        _options.Map?.Invoke(app);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        _app = app;
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Port = bound.Port;
        _listen = $"127.0.0.1:{Port}";
        Certificate = _options.Insecure ? null : ServedCertificate(app.Services.GetRequiredService<IOptions<NodeOptions>>().Value);
        _defaultClient ??= _options.Ca?.IssueClient(Region, $"{Region}-samr", "issuer");
        _channel = CreateChannel(_defaultClient);
    }

    /// <summary>The client certificate <see cref="Channel"/> presents (null without a test CA).</summary>
    public X509Certificate2? DefaultClient => _defaultClient;

    public async Task StopAsync()
    {
        _channel?.Dispose();
        _channel = null;
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>Stops and starts again on the same port with the same data folder.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>A new channel to the node: pinned to its certificate, or plaintext h2c when insecure;
    /// presenting clientCertificate (with its key) when the node asks for one. <paramref name="address"/>: another
    /// address that serves with the node's certificate (a standby process of its region).</summary>
    public GrpcChannel CreateChannel(X509Certificate2? clientCertificate = null, Uri? address = null)
    {
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        var pinned = Certificate;
        if (pinned is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(pinned.RawData);
        }
        if (clientCertificate is not null)
        {
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }
        return GrpcChannel.ForAddress(address ?? Address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Certificate?.Dispose();
        _defaultClient?.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail the test.
        }
    }

    /// <summary>The command line the node starts with (--Node:Region=..., data folder, listen address, TLS and CA
    /// paths, the federation settings): start the same node out of process (`dotnet Regional.Node.dll`) with it.</summary>
    public IReadOnlyList<string> CommandLine() => Arguments();

    private string[] Arguments()
    {
        var settings = new Dictionary<string, string>
        {
            ["Node:Region"] = _options.Region,
            ["Node:Suite"] = _options.Suite,
            ["Node:DataDirectory"] = DataDirectory,
            ["Node:Insecure"] = _options.Insecure ? "true" : "false",
            ["Node:Listen"] = _listen ?? "127.0.0.1:0",
            // A node without a test CA has no identities: tests of that mode say so, as an operator must.
            ["Node:DevelopmentOpenAccess"] = _options.Ca is null ? "true" : "false",
        };
        foreach (var (key, value) in _options.Ca?.NodeSettings(Region, DataDirectory) ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }
        foreach (var (key, value) in _options.Settings)
        {
            settings[key] = key == "Node:Listen" ? settings[key] : value;
        }
        return [.. settings.Select(s => $"--{s.Key}={s.Value}")];
    }

    private void Configure(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(Clock);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);
        _options.Configure?.Invoke(builder);
    }

    private static X509Certificate2 ServedCertificate(NodeOptions node) =>
        X509Certificate2.CreateFromPem(File.ReadAllText(node.UsesDevelopmentCertificate
            ? Path.Combine(node.TlsDirectory, "node.crt")
            : node.CertificatePath!));
}

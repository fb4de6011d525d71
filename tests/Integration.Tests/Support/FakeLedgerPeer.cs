using System.Net;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Regional.V1;

namespace Regional.Integration.Tests.Support;

/// <summary>
/// A hostile peer: a Kestrel gRPC server on loopback, over TLS with whatever node certificate the test
/// gives it (one the federation CA issued for the region it impersonates), answering LedgerService.GetBlocks
/// with the blocks of a script. A new script ends the open streams, so followers reconnect and get it.
/// </summary>
internal sealed class FakeLedgerPeer : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private WebApplication? _app;
    private X509Certificate2? _certificate;
    private Func<ulong, IEnumerable<Block>> _script = _ => [];
    private CancellationTokenSource _generation = new();
    private int _calls;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>GetBlocks calls answered so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public static async Task<FakeLedgerPeer> StartAsync()
    {
        var peer = new FakeLedgerPeer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(peer);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificateSelector = (_, _) => Volatile.Read(ref peer._certificate),
                ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                ClientCertificateValidation = (_, _, _) => true,
            });
        }));
        var app = builder.Build();
        app.MapGrpcService<FakeLedgerService>();
        await app.StartAsync();
        peer._app = app;
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        peer.Endpoint = new Uri($"https://127.0.0.1:{address.Port}");
        return peer;
    }

    /// <summary>The TLS certificate (with its key) to serve from the next handshake on.</summary>
    public void UseCertificate(X509Certificate2 certificate) => Volatile.Write(ref _certificate, certificate);

    /// <summary>From now on GetBlocks(from_height) streams script(from_height), then holds the stream open.</summary>
    public void Serve(Func<ulong, IEnumerable<Block>> script)
    {
        CancellationTokenSource previous;
        lock (_lock)
        {
            _script = script;
            previous = _generation;
            _generation = new CancellationTokenSource();
        }
        previous.Cancel(); // not disposed: a stream starting now may still link to its token
    }

    private (Func<ulong, IEnumerable<Block>> Script, CancellationToken Generation) Current()
    {
        lock (_lock)
        {
            return (_script, _generation.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _generation.Dispose();
        _certificate?.Dispose();
    }

    /// <summary>The one RPC the fake answers; every other LedgerService call is UNIMPLEMENTED.</summary>
    private sealed class FakeLedgerService(FakeLedgerPeer peer) : LedgerService.LedgerServiceBase
    {
        public override async Task GetBlocks(GetBlocksRequest request, IServerStreamWriter<Block> responseStream, ServerCallContext context)
        {
            Interlocked.Increment(ref peer._calls);
            var (script, generation) = peer.Current();
            using var ends = CancellationTokenSource.CreateLinkedTokenSource(generation, context.CancellationToken);
            try
            {
                foreach (var block in script(request.FromHeight))
                {
                    await responseStream.WriteAsync(block, ends.Token);
                }
                await Task.Delay(Timeout.Infinite, ends.Token); // like a following stream, until the script changes
            }
            catch (OperationCanceledException) when (generation.IsCancellationRequested)
            {
                // A new script: end this stream normally so the follower reconnects.
            }
        }
    }
}

using System.Net.Sockets;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Regional.LicenseVerifier.Trust;
using Regional.Node.Federation;
using Regional.Node.Ledger;
using Regional.Node.Storage;
using Regional.V1;
using Regional.Node.Configuration;
using Regional.Node.Errors;

namespace Regional.Node.Federation.Guard;

/// <summary>
/// Keeps a node from forking its own log. A node whose database went back in time (restored from a
/// backup, a disk snapshot rolled back) would seal new blocks at heights its peers already witnessed:
/// two histories under one key, which every witness rightly raises as equivocation. So:
/// <list type="bullet">
/// <item>it holds a lock on <c>node.lock</c> while it runs (restore and recover refuse a held folder);</item>
/// <item>it refuses to start on a folder restore marked (<c>RESTORED-FROM-BACKUP.json</c>) until
/// <c>recover</c> has removed the mark;</item>
/// <item>before the writer seals its first block, it asks every reachable peer for its checkpoint of the
/// own log; one signed by the log's key beyond the local head, or one that disagrees with the local
/// log, is a <see cref="SealingRefusalAsync">refusal</see>: the writer seals nothing and answers
/// FAILED_PRECONDITION LOG_BEHIND_PEERS, while reads go on. Unreachable peers cannot object.</item>
/// </list>
/// </summary>
internal sealed partial class OwnLogGuard : ISealingGuard, IHostedService, IDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);
    private readonly IServiceProvider _services;
    private readonly NodeOptions _node;
    private readonly ILogger<OwnLogGuard> _logger;
    private readonly Lazy<Task<string?>> _verdict;
    private FileStream? _lock;

    public OwnLogGuard(IServiceProvider services, IOptions<NodeOptions> node, ILogger<OwnLogGuard> logger)
    {
        _services = services;
        _node = node.Value;
        _logger = logger;
        _verdict = new(() => Task.Run(CheckAsync));
    }

    private string Marker => Path.Combine(_node.DataDirectory!, DataFolder.RestoredMarker);

    private bool Federated => !string.IsNullOrWhiteSpace(_services.GetRequiredService<IOptions<FederationOptions>>().Value.TrustFile);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_node.DataDirectory!);
        if (File.Exists(Marker))
        {
            if (Federated)
            {
                throw new NodeStartupException(RestoredMessage());
            }
            LogRestoredAlone(Marker);
            File.Delete(Marker); // alone, the restored log is all there is: no peer can hold more of it
        }
        using (var alone = DataFolder.TryLockExclusive(_node.DataDirectory!))
        {
            if (alone is null)
            {
                throw new NodeStartupException($"another node, or a restore or recover, is at work on the data folder {_node.DataDirectory} (it holds {DataFolder.LockFile})");
            }
        }
        _lock = DataFolder.HoldShared(_node.DataDirectory!);
        _ = _verdict.Value;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }

    /// <summary>Null when the node may seal; else why it must not. Completes once every peer answered or
    /// was found unreachable.</summary>
    public Task<string?> SealingRefusalAsync(CancellationToken cancellationToken) => _verdict.Value.WaitAsync(cancellationToken);

    private async Task<string?> CheckAsync()
    {
        if (File.Exists(Marker) && Federated)
        {
            return RestoredMessage();
        }
        if (_services.GetService<FederationContext>() is not { } federation)
        {
            return null;
        }
        var log = _services.GetRequiredService<OwnLog>();
        var channels = _services.GetRequiredService<IPeerChannels>();
        var witnessKeys = TailCheck.WitnessKeys(federation.Trust, federation.Self);
        var verdicts = await Task.WhenAll(federation.Peers.Select(peer => CheckPeerAsync(peer, federation, channels, log, witnessKeys)));
        var refusal = verdicts.FirstOrDefault(v => v is not null);
        if (refusal is not null)
        {
            LogRefused(refusal);
        }
        return refusal;
    }

    /// <summary>Null when this peer holds nothing of the own log beyond the local head (or cannot be asked).</summary>
    private async Task<string?> CheckPeerAsync(RegionTrust peer, FederationContext federation, IPeerChannels channels, OwnLog log,
        IReadOnlyList<LicenseVerifier.Notes.NoteVerifier> witnessKeys)
    {
        if (!await ReachableAsync(peer.Endpoint))
        {
            LogPeerSilent(peer.Id, $"nothing listens at {peer.Endpoint}");
            return null;
        }
        GetCheckpointResponse response;
        try
        {
            var client = new LedgerService.LedgerServiceClient(channels.For(peer));
            response = await client.GetCheckpointAsync(new GetCheckpointRequest { Origin = log.Origin }, deadline: DateTime.UtcNow + CallTimeout);
        }
        catch (RpcException ex)
        {
            LogPeerSilent(peer.Id, $"{ex.StatusCode}: {ex.Status.Detail}");
            return null;
        }
        var seen = PeerCheckpoint.Check(peer.Id, response.Checkpoint.Note, federation.Self, witnessKeys, out var problem);
        if (seen is null)
        {
            LogPeerSilent(peer.Id, problem!);
            return null;
        }
        using var session = _services.GetRequiredService<IDatabase>().Open();
        return TailCheck.Compare(session, log, seen, _node.DataDirectory!);
    }

    private static async Task<bool> ReachableAsync(Uri endpoint)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(ConnectTimeout);
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private string RestoredMessage() =>
        $"the data folder {_node.DataDirectory} was restored from a backup ({DataFolder.RestoredMarker}): its own log may end before what "
        + "the peers already witnessed, and sealing from there would fork it. Run first: "
        + $"dotnet Regional.Node.dll recover --data {_node.DataDirectory} --from <peer region> --trust <trust file> (it removes the mark). "
        + $"Only if every peer is lost too, delete {Marker} by hand.";

    [LoggerMessage(Level = LogLevel.Critical, Message = "The own log must not grow: {Reason}")]
    private partial void LogRefused(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Started on a restored data folder ({Marker}) without a federation: the backup's log is all there is")]
    private partial void LogRestoredAlone(string marker);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Start-up check of the own log: peer {Region} gave no checkpoint ({Detail}); it cannot object")]
    private partial void LogPeerSilent(string region, string detail);
}

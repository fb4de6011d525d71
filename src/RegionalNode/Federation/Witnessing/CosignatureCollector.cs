using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Regional.LicenseVerifier.Notes;
using Regional.LicenseVerifier.Trust;
using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.Node.Storage;
using Regional.V1;
using Checkpoint = Regional.LicenseVerifier.Notes.Checkpoint;

namespace Regional.Node.Federation.Witnessing;

/// <summary>
/// The issuer's side of witnessing, one peer at a time: sends the own log's checkpoint with a
/// consistency proof from the size the peer last cosigned (learning the right size from a
/// FAILED_PRECONDITION's "witness_size" and retrying once), checks the cosignature it returns
/// with the peer's witness key from the trust file, and stores it.
/// </summary>
internal sealed partial class CosignatureCollector(
    IPeerChannels channels, IDatabase database, OwnLog log, IOptions<FederationOptions> options, ILogger<CosignatureCollector> logger)
{
    /// <summary>Has peer cosign the state's checkpoint; returns the size the peer now holds.</summary>
    /// <exception cref="RpcException">The peer refused or could not be reached in time.</exception>
    public async Task<ulong> CollectAsync(RegionTrust peer, LogState state, ulong witnessSize, CancellationToken cancellationToken)
    {
        var client = new LedgerService.LedgerServiceClient(channels.For(peer));
        AddCheckpointResponse response;
        try
        {
            response = await SendAsync(client, state, witnessSize, cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition && WitnessSize(ex) is { } held && held != witnessSize)
        {
            if (held > state.Head.TreeSize)
            {
                LogAhead(peer.Id, held, state.Head.TreeSize);
                throw;
            }
            LogResync(peer.Id, witnessSize, held);
            response = await SendAsync(client, state, held, cancellationToken);
        }
        var stored = Store(peer, state, response);
        if (stored == 0)
        {
            throw new RpcException(new Status(StatusCode.DataLoss, $"{peer.Id} answered no cosignature that verifies with its witness keys"));
        }
        return state.Head.TreeSize;
    }

    private async Task<AddCheckpointResponse> SendAsync(LedgerService.LedgerServiceClient client, LogState state, ulong oldSize, CancellationToken cancellationToken)
    {
        var request = new AddCheckpointRequest { OldSize = oldSize, Checkpoint = state.Head.Checkpoint };
        using (var session = database.Open())
        {
            request.ConsistencyProof.AddRange(LogReader.ConsistencyProof(session, log, oldSize, state.Head.TreeSize).Select(ByteString.CopyFrom));
        }
        var deadline = DateTime.UtcNow.AddMilliseconds(options.Value.WitnessTimeoutMs);
        return await client.AddCheckpointAsync(request, deadline: deadline, cancellationToken: cancellationToken);
    }

    /// <summary>Stores the cosignatures by the peer's witness keys that verify; returns how many.</summary>
    private int Store(RegionTrust peer, LogState state, AddCheckpointResponse response)
    {
        var lines = string.Concat(response.Cosignatures.Select(l => l.EndsWith('\n') ? l : l + "\n"));
        var note = SignedNote.Parse(state.Head.Checkpoint + lines);
        if (!note.IsSuccess)
        {
            LogMalformed(peer.Id, note.Error!);
            return 0;
        }
        var checkpoint = Checkpoint.ParseBody(note.Value!.Text).Value!;
        var stored = 0;
        using var session = database.Open();
        foreach (var signature in note.Value.Signatures)
        {
            foreach (var key in peer.WitnessKeys)
            {
                if (Cosigner.TryVerify(key, checkpoint, signature, out var time))
                {
                    session.Cosignatures.Add(log.LogId, checkpoint.Size, key.Name, signature.ToLine(), time);
                    stored++;
                }
            }
        }
        return stored;
    }

    private static ulong? WitnessSize(RpcException exception) =>
        exception.ErrorInfo() is { } info && info.Metadata.TryGetValue(CheckpointWitness.WitnessSizeKey, out var text)
            && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Witness {Region} holds size {Held} of this log, not {Assumed}: resending from {Held}")]
    private partial void LogResync(string region, ulong assumed, ulong held);

    [LoggerMessage(Level = LogLevel.Error, Message = "Witness {Region} has cosigned size {Held} of this log, beyond its head {TreeSize}: was the database restored from an old copy?")]
    private partial void LogAhead(string region, ulong held, ulong treeSize);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Witness {Region} answered cosignature lines that do not make a note: {Error}")]
    private partial void LogMalformed(string region, string error);
}

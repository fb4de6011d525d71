using Grpc.Core;
using Regional.Node.Ledger;
using Regional.Node.Storage;
using Regional.V1;
using Regional.Node.Federation.Guard;

namespace Regional.Node.Operations;

/// <summary>
/// <c>recover --data DIR --from PEER --trust FILE [--region R] [--cert F --key F]</c>, with the node
/// stopped: brings the own log's tail back from a peer's mirror (see <see cref="TailRecovery"/>) after a
/// restore from an old backup, or onto an empty folder that kept only the keys. Every peer is asked for
/// its checkpoint of the log: the recovered log must hold each one (same root at its size), and the one
/// recovered from must be reached. Cosignatures of those checkpoints are kept. On success it removes the
/// restore mark, so the node starts and goes on sealing after the last height its peers witnessed.
/// </summary>
internal static class RecoverTailCommand
{
    /// <summary>The command (<see cref="OperatorCli"/> parses its options).</summary>
    public static async Task<int> RunAsync(string data, string from, string trustPath, string? region, string? certificate, string? key)
    {
        var (setup, problem) = RecoverySetup.Load(data, trustPath, from, region, certificate, key);
        if (setup is null)
        {
            return Fail(problem!);
        }
        Directory.CreateDirectory(data);
        using var hold = DataFolder.TryLockExclusive(data);
        if (hold is null)
        {
            return Fail($"a running node holds {Path.Combine(data, DataFolder.LockFile)}: stop it first");
        }
        IDatabase database;
        try
        {
            database = OperatorStorage.OpenForWriting(OperatorStorage.Configured(), data, "recover");
        }
        catch (Errors.NodeStartupException ex)
        {
            return Fail(ex.Message);
        }
        try
        {
            return await RecoverAsync(setup, database, data);
        }
        finally
        {
            (database as IDisposable)?.Dispose();
        }
    }

    /// <param name="database">The node's database: the SQLite file in the data folder, or on PostgreSQL (Storage:Engine
    /// postgres in the node's configuration or environment) with the writer lease held for the recovery.</param>
    private static async Task<int> RecoverAsync(RecoverySetup setup, IDatabase database, string data)
    {
        using var session = database.Open();
        var log = OwnLog.Open(session, setup.Trust.Suite, setup.Self.Id, setup.Self.Origin);
        var witnessKeys = TailCheck.WitnessKeys(setup.Trust, setup.Self);
        var peers = setup.Trust.Regions.Where(r => r.Id != setup.Self.Id).ToList();
        var channels = peers.ToDictionary(p => p.Id, p => setup.Channels.Create(p.Endpoint, p.Id));
        try
        {
            var seen = new List<PeerCheckpoint>();
            foreach (var peer in peers)
            {
                if (await AskAsync(channels[peer.Id], peer.Id, log.Origin) is not { } note)
                {
                    continue;
                }
                if (PeerCheckpoint.Check(peer.Id, note, setup.Self, witnessKeys, out var refused) is { } checkedNote)
                {
                    seen.Add(checkedNote);
                }
                else
                {
                    Console.Error.WriteLine($"ignored: {refused}");
                }
            }
            if (seen.FirstOrDefault(s => s.Peer == setup.Source.Id) is not { } target)
            {
                return Fail($"{setup.Source.Id} gave no checkpoint of {log.Origin} that verifies; nothing was changed");
            }
            Console.WriteLine($"local {log.Origin}: tree size {log.State.Head.TreeSize}; {string.Join(", ", seen.Select(s => $"{s.Peer} holds {s.Checkpoint.Size} ({s.Cosignatures.Count} cosignatures)"))}");
            var result = new RecoveryResult(log.State.Head.TreeSize, log.State.Head.TreeSize, 0, 0, null);
            if (target.Checkpoint.Size > log.State.Head.TreeSize)
            {
                var client = new LedgerService.LedgerServiceClient(channels[setup.Source.Id]);
                (var state, result) = await TailRecovery.RunAsync(client, session, log, setup.Trust.Policy.FindByOrigin(log.Origin)!, CancellationToken.None);
                log.Advance(state);
            }
            return Conclude(session, log, result, seen, witnessKeys, data);
        }
        finally
        {
            foreach (var channel in channels.Values)
            {
                channel.Dispose();
            }
        }
    }

    private static int Conclude(IStoreSession session, OwnLog log, RecoveryResult result, List<PeerCheckpoint> seen,
        IReadOnlyList<LicenseVerifier.Notes.NoteVerifier> witnessKeys, string data)
    {
        Console.WriteLine($"recovered {result.Blocks} blocks: {log.Origin} from tree size {result.FromSize} to {result.ToSize}; "
            + $"{result.DocumentsNotHeld} licence versions came back as digests only (their documents answer DATA_LOSS CONTENT_NOT_HELD)");
        if (result.Problem is not null)
        {
            return Fail($"stopped at a block that failed its checks ({result.Problem}); the blocks before it are kept. Recover from another peer.");
        }
        var head = log.State.Head.TreeSize;
        var cosignatures = seen.Where(s => s.Checkpoint.Size <= head).Sum(s => TailRecovery.KeepCosignatures(session, log, s, witnessKeys));
        Console.WriteLine($"kept {cosignatures} witness cosignatures of the peers' checkpoints");
        var conflicts = seen.Where(s => s.Checkpoint.Size <= head).Select(s => TailCheck.Compare(session, log, s, data)).OfType<string>().ToList();
        if (conflicts.Count > 0)
        {
            return Fail(string.Join("\n  ", conflicts));
        }
        if (seen.Where(s => s.Checkpoint.Size > head).MaxBy(s => s.Checkpoint.Size) is { } ahead)
        {
            Console.Error.WriteLine($"regional-node: incomplete: {ahead.Peer} holds {log.Origin} to size {ahead.Checkpoint.Size}, beyond {head}: run recover again with --from {ahead.Peer}");
            return ExitCodes.Incomplete;
        }
        File.Delete(Path.Combine(data, DataFolder.RestoredMarker));
        Console.WriteLine($"the own log holds every checkpoint its peers hold (size {head}): the node may start.");
        return ExitCodes.Ok;
    }

    private static async Task<string?> AskAsync(Grpc.Net.Client.GrpcChannel channel, string peer, string origin)
    {
        try
        {
            var client = new LedgerService.LedgerServiceClient(channel);
            var response = await client.GetCheckpointAsync(new GetCheckpointRequest { Origin = origin }, deadline: DateTime.UtcNow.AddSeconds(10));
            return response.Checkpoint.Note;
        }
        catch (RpcException ex)
        {
            Console.Error.WriteLine($"{peer}: no checkpoint of {origin} ({ex.StatusCode}: {ex.Status.Detail})");
            return null;
        }
    }

    private static int Fail(string problem)
    {
        Console.Error.WriteLine($"regional-node: recover: {problem}");
        return ExitCodes.Failed;
    }
}

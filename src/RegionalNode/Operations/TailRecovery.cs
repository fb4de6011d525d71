using Grpc.Core;
using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Ledger;
using Regional.LicenseVerifier.Notes;
using Regional.Node.Federation.Mirroring;
using Regional.Node.Ledger;
using Regional.Node.Licenses;
using Regional.Node.Storage;
using Regional.Node.Storage.Ledger;
using Regional.V1;
using Regional.Node.Federation.Guard;

namespace Regional.Node.Operations;

/// <summary>What a recovery did: the own log's size before and after, blocks appended, and how many licence
/// versions came back as digests only (their documents were never in a peer's hands).</summary>
internal sealed record RecoveryResult(ulong FromSize, ulong ToSize, ulong Blocks, int DocumentsNotHeld, string? Problem);

/// <summary>
/// Brings the own log's tail back from a peer's mirror of it: streams the blocks after the local head
/// (LedgerService.GetBlocks with the own origin), checks each exactly as a mirror does
/// (<see cref="BlockValidator"/>: chain, the log key's signature, the root recomputed from the local tree)
/// and appends it verbatim (same heights, header bytes, entries and roots), with the state derived
/// from its entries, in one transaction per batch of blocks. A block that fails a check stops the
/// recovery there; what was stored before it stays (each batch is whole, and valid).
/// </summary>
internal static class TailRecovery
{
    private const int BatchBlocks = 64;

    public static async Task<(LogState State, RecoveryResult Result)> RunAsync(
        LedgerService.LedgerServiceClient peer, IStoreSession session, OwnLog log, TrustedLog trusted, CancellationToken cancellationToken)
    {
        var state = log.State;
        var from = state.Head.TreeSize;
        var position = new MirrorPosition(state.Head.Height, state.Head.LastBlockHash, state.Range) { IssuerKey = state.Keys.Current };
        var next = state.Head.Height is { } h ? h + 1 : 0;
        using var call = peer.GetBlocks(new GetBlocksRequest { Origin = log.Origin, FromHeight = next, Follow = false }, cancellationToken: cancellationToken);
        var pending = new List<(Block Block, BlockCheck Check)>();
        ulong blocks = 0;
        var notHeld = 0;
        string? problem = null;
        var write = session.BeginWrite();
        try
        {
            await foreach (var block in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                var check = BlockValidator.Validate(log.Suite, trusted, position, block, new StoredLicenseHistory(session.Licenses, log.LogId),
                    new StoredStatusMap(session.StatusMap, log.LogId, position.Range.Size));
                if (!check.IsValid)
                {
                    problem = $"block {next + blocks}: {check.Failure}: {check.Detail}";
                    break;
                }
                notHeld += Append(session, log.LogId, block, check);
                if (check.Rotation is { } rotation)
                {
                    KeyHistory.Record(session.Log, log.LogId, rotation); // the node signs with the new key after the recovery
                }
                position = check.Next!;
                state = new LogState(Head(log.LogId, check), position.Range) { Keys = state.Keys.After(check.Rotation) };
                blocks++;
                if (blocks % BatchBlocks == 0)
                {
                    write.Commit();
                    write = session.BeginWrite();
                }
            }
            write.Commit();
        }
        finally
        {
            write.Dispose(); // the batch not committed (an exception) is rolled back; a committed one stays
        }
        return (state, new RecoveryResult(from, state.Head.TreeSize, blocks, notHeld, problem));
    }

    /// <summary>Stores the witness cosignatures of a peer's checkpoint that verify, when the local log holds it.</summary>
    public static int KeepCosignatures(IStoreSession session, LogHandle log, PeerCheckpoint seen, IReadOnlyList<NoteVerifier> witnessKeys)
    {
        var block = session.Log.GetBlockBySize(log.LogId, seen.Checkpoint.Size);
        if (block is null || !block.RootHash.AsSpan().SequenceEqual(seen.Checkpoint.RootHash.Span))
        {
            return 0;
        }
        var kept = 0;
        foreach (var signature in SignedNote.Parse(seen.Note).Value!.Signatures)
        {
            foreach (var key in witnessKeys)
            {
                if (!Cosigner.TryVerify(key, seen.Checkpoint, signature, out var time))
                {
                    continue;
                }
                session.Cosignatures.Add(log.LogId, seen.Checkpoint.Size, key.Name, signature.ToLine(), time);
                kept++;
            }
        }
        return kept;
    }

    /// <summary>Appends one checked block as the issuer sealed it; returns the licence versions it brings without a document.</summary>
    private static int Append(IStoreSession session, long logId, Block block, BlockCheck check)
    {
        var header = check.Header!;
        var leafHashes = check.Nodes.Where(n => n.Id.Level == 0).ToDictionary(n => n.Id.Index, n => n.Hash);
        var notHeld = 0;
        for (var i = 0; i < block.Entries.Count; i++)
        {
            var leaf = header.FirstLeafIndex + (ulong)i;
            session.Log.InsertEntry(logId, leaf, header.Height, block.Entries[i].ToByteArray(), leafHashes[leaf]);
            EntryProjector.Apply(session, logId, leaf, check.Entries[i]);
            notHeld += OwnEntryProjector.Apply(session, leaf, check.Entries[i]);
        }
        foreach (var (id, hash) in check.Nodes)
        {
            session.Log.InsertNode(logId, id, hash);
        }
        session.StatusMap.InsertMapNodes(logId, header.TreeSize, check.StatusMapNodes);
        var stored = new StoredBlock(header.Height, block.Header.ToByteArray(), header.FirstLeafIndex, header.LeafCount, header.TreeSize,
            header.RootHash.ToByteArray(), header.SealedAt?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch, header.Checkpoint);
        session.Log.InsertBlock(logId, stored, check.Next!.LastBlockHash.ToArray());
        return notHeld;
    }

    private static LogHead Head(long logId, BlockCheck check)
    {
        var header = check.Header!;
        var sealedAt = header.SealedAt?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch;
        return new LogHead(logId, header.TreeSize, header.Height, check.Next!.LastBlockHash.ToArray(), header.RootHash.ToByteArray(),
            header.Checkpoint, DateTimeOffset.FromUnixTimeMilliseconds(sealedAt.ToUnixTimeMilliseconds()));
    }
}

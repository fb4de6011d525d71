using Google.Protobuf;
using Grpc.Core;
using Regional.Node.Errors;
using Regional.Node.Federation.Transport;
using Regional.Node.Federation.Witnessing;
using Regional.Node.Ledger;
using Regional.Node.Storage;
using Regional.V1;
using Regional.Node.Configuration;
using Regional.Node.Security.Authorization;
using Regional.LicenseVerifier.Ledger;

namespace Regional.Node.Services;

/// <summary>LedgerService for the node's own log and its mirrors: checkpoints with their
/// cosignatures, blocks (streamed, optionally following new ones), inclusion and consistency proofs,
/// witnessing of other regions' checkpoints (federated nodes only), and the node's status.</summary>
internal sealed class LedgerGrpcService(LogReader reader, NodeIdentity identity, TimeProvider clock, IHostApplicationLifetime lifetime,
    CosignedCheckpoints cosigned, CheckpointWitness? witness = null)
    : LedgerService.LedgerServiceBase
{
    /// <summary>Blocks read from the database per round trip while streaming.</summary>
    private const int BlockPage = 64;

    public override Task<GetCheckpointResponse> GetCheckpoint(GetCheckpointRequest request, ServerCallContext context)
    {
        var log = reader.Resolve(request.Origin);
        using var session = reader.Open();
        var (checkpoint, _) = Cosigned(session, log, log.State);
        return Task.FromResult(new GetCheckpointResponse
        {
            Checkpoint = checkpoint ?? throw NodeException.NotFound("NO_CHECKPOINT", $"log {log.Origin} has no checkpoint yet: no block was stored"),
        });
    }

    public override async Task GetBlocks(GetBlocksRequest request, IServerStreamWriter<Block> responseStream, ServerCallContext context)
    {
        var log = reader.Resolve(request.Origin);
        var next = request.FromHeight;
        // A following stream ends when the caller goes or this node stops, not at the host's shutdown timeout.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var cancel = stopping.Token;
        while (!cancel.IsCancellationRequested)
        {
            // Take the signal before reading, so a block sealed in between is not missed.
            var sealedAfter = log.NextBlock(cancel);
            List<Block> page;
            using (var session = reader.Open())
            {
                page = [.. session.Log.GetBlocks(log.LogId, next, BlockPage).Select(b => LogReader.ToBlock(session, log.LogId, b))];
            }
            foreach (var block in page)
            {
                await responseStream.WriteAsync(block, cancel);
                next++;
            }
            if (page.Count == BlockPage)
            {
                continue;
            }
            if (!request.Follow)
            {
                return;
            }
            try
            {
                await sealedAfter;
            }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    public override Task<GetInclusionProofResponse> GetInclusionProof(GetInclusionProofRequest request, ServerCallContext context)
    {
        var log = reader.Resolve(request.Origin);
        var state = log.State;
        var size = request.TreeSize == 0 ? state.Head.TreeSize : request.TreeSize;
        using var session = reader.Open();
        RequireSealedSize(size, state, "tree_size");
        ulong index;
        if (request.LeafCase == GetInclusionProofRequest.LeafOneofCase.LeafHash)
        {
            if (request.LeafHash.Length != LicenseVerifier.Crypto.Suite.HashSize)
            {
                throw NodeException.InvalidArgument("leaf_hash", $"got {request.LeafHash.Length} bytes, want {LicenseVerifier.Crypto.Suite.HashSize}");
            }
            index = session.Log.FindLeafByHash(log.LogId, request.LeafHash.ToByteArray())
                ?? throw NodeException.NotFound("NOT_FOUND", "leaf_hash: no entry with that leaf hash in this log");
        }
        else
        {
            index = request.LeafIndex;
        }
        if (index >= size)
        {
            throw NodeException.InvalidArgument("leaf_index", $"got {index}, want less than the tree size {size}");
        }
        var proof = new InclusionProof { LeafIndex = index, TreeSize = size };
        proof.Hashes.AddRange(LogReader.InclusionProof(session, log, index, size).Select(ByteString.CopyFrom));
        return Task.FromResult(new GetInclusionProofResponse
        {
            Proof = proof,
            Checkpoint = CheckpointAt(session, log, size, state),
            Entry = ByteString.CopyFrom(LogReader.RequireEntry(session, log, index)),
        });
    }

    public override Task<GetConsistencyProofResponse> GetConsistencyProof(GetConsistencyProofRequest request, ServerCallContext context)
    {
        var log = reader.Resolve(request.Origin);
        var state = log.State;
        var second = request.SecondSize == 0 ? state.Head.TreeSize : request.SecondSize;
        if (request.FirstSize > second)
        {
            throw NodeException.InvalidArgument("first_size", $"got {request.FirstSize}, want at most second_size {second}");
        }
        using var session = reader.Open();
        RequireSealedSize(second, state, "second_size");
        var proof = new ConsistencyProof { FirstSize = request.FirstSize, SecondSize = second };
        proof.Hashes.AddRange(LogReader.ConsistencyProof(session, log, request.FirstSize, second).Select(ByteString.CopyFrom));
        return Task.FromResult(new GetConsistencyProofResponse { Proof = proof, Checkpoint = CheckpointAt(session, log, second, state) });
    }

    public override Task<AddCheckpointResponse> AddCheckpoint(AddCheckpointRequest request, ServerCallContext context)
    {
        var caller = PeerIdentity.RequireNode(context);
        if (witness is null)
        {
            throw NodeException.FailedPrecondition("NOT_FEDERATED", "this node runs alone (no Federation:TrustFile): it witnesses no other log");
        }
        var proof = request.ConsistencyProof.Select(h => h.ToByteArray()).ToList();
        var line = witness.Add(caller, request.OldSize, proof, request.Checkpoint);
        return Task.FromResult(new AddCheckpointResponse { Cosignatures = { line } });
    }

    public override Task<GetLedgerStatusResponse> GetLedgerStatus(GetLedgerStatusRequest request, ServerCallContext context)
    {
        var state = reader.Log.State;
        using var session = reader.Open();
        var (ownCheckpoint, ownCosignatures) = Cosigned(session, reader.Log, state);
        var response = new GetLedgerStatusResponse
        {
            Region = identity.Region,
            DisplayName = identity.DisplayName,
            Suite = reader.Log.Suite.Id,
            VerifierKey = identity.VerifierKey,
            Version = identity.Version,
            Mode = Configuration.NodeModes.Region,
            OwnLog = new LogStatus
            {
                Region = identity.Region,
                Origin = reader.Log.Origin,
                TreeSize = state.Head.TreeSize,
                Height = state.Head.Height ?? 0,
                Checkpoint = ownCheckpoint,
                Cosignatures = (uint)ownCosignatures,
                State = MirrorState.Own.Value,
            },
        };
        var now = clock.GetUtcNow();
        foreach (var mirror in reader.Mirrors.All.OrderBy(m => m.Region, StringComparer.Ordinal))
        {
            var mirrorState = mirror.State;
            var head = mirrorState.Head;
            var status = mirror.Status;
            var (mirrorCheckpoint, mirrorCosignatures) = Cosigned(session, mirror, mirrorState);
            var lag = Ledger.MirrorLag.Of(head, status, now);
            response.Mirrors.Add(new LogStatus
            {
                Region = mirror.Region,
                Origin = mirror.Origin,
                TreeSize = head.TreeSize,
                Height = head.Height ?? 0,
                Checkpoint = mirrorCheckpoint,
                Cosignatures = (uint)mirrorCosignatures,
                LagEntries = lag.Entries,
                LagSeconds = lag.Seconds,
                LastSyncedAt = status.LastSyncedAt is { } synced ? Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(synced) : null,
                State = status.State.Value,
            });
        }
        response.Alarms.AddRange(session.Alarms.List());
        return Task.FromResult(response);
    }

    /// <summary>The wire checkpoint of a state's head with the cosignatures held for it, and their count.</summary>
    private (V1.Checkpoint? Checkpoint, int Cosignatures) Cosigned(IStoreSession session, LogHandle log, LogState state)
    {
        var checkpoint = LogReader.Checkpoint(log, state);
        if (checkpoint is null || cosigned.Head(session, log, state) is not { } head)
        {
            return (checkpoint, 0);
        }
        checkpoint.Note = head.Note;
        return (checkpoint, head.Cosignatures);
    }

    private static void RequireSealedSize(ulong size, LogState state, string field)
    {
        if (size == 0 || size > state.Head.TreeSize)
        {
            throw NodeException.InvalidArgument(field, $"got {size}, want a sealed tree size from 1 to {state.Head.TreeSize}");
        }
    }

    private static V1.Checkpoint CheckpointAt(IStoreSession session, LogHandle log, ulong size, LogState state)
    {
        if (size == state.Head.TreeSize)
        {
            return LogReader.Checkpoint(log, state)!;
        }
        var block = session.Log.GetBlockBySize(log.LogId, size)
            ?? throw NodeException.InvalidArgument("tree_size", $"got {size}, want the size of a sealed block (every checkpoint is at a block boundary)");
        return new V1.Checkpoint
        {
            Origin = log.Origin,
            TreeSize = block.TreeSize,
            RootHash = ByteString.CopyFrom(block.RootHash),
            Note = block.Checkpoint,
            SealedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(block.SealedAt),
        };
    }
}

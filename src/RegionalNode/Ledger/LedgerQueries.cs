using Google.Protobuf;
using Regional.LicenseVerifier.Ledger;
using Regional.Node.Configuration;
using Regional.Node.Errors;
using Regional.Node.Storage;
using Regional.V1;

namespace Regional.Node.Ledger;

/// <summary>
/// The reads LedgerService answers for the own log and the mirrors: the cosigned checkpoint, inclusion and
/// consistency proofs against a sealed size, and the node's status. The service validates the request's
/// text (RequestRules) and maps; what needs the log's state is checked here.
/// </summary>
internal sealed class LedgerQueries(LogReader reader, NodeIdentity identity, TimeProvider clock, CosignedCheckpoints cosigned)
{
    /// <summary>The latest checkpoint of a log with the cosignatures held for it.</summary>
    /// <exception cref="NodeException">NOT_FOUND NO_CHECKPOINT before the log's first block.</exception>
    public V1.Checkpoint Checkpoint(string origin)
    {
        var log = reader.Resolve(origin);
        using var session = reader.Open();
        var (checkpoint, _) = Cosigned(session, log, log.State);
        return checkpoint ?? throw NodeException.NotFound("NO_CHECKPOINT", $"log {log.Origin} has no checkpoint yet: no block was stored");
    }

    /// <summary>The inclusion proof of a leaf (by index or by hash) in a sealed size (0: the latest).</summary>
    public GetInclusionProofResponse InclusionProof(GetInclusionProofRequest request)
    {
        var log = reader.Resolve(request.Origin);
        var state = log.State;
        var size = request.TreeSize == 0 ? state.Head.TreeSize : request.TreeSize;
        using var session = reader.Open();
        RequireSealedSize(size, state, "tree_size");
        var index = request.LeafCase == GetInclusionProofRequest.LeafOneofCase.LeafHash
            ? session.Log.FindLeafByHash(log.LogId, request.LeafHash.ToByteArray())
                ?? throw NodeException.NotFound("NOT_FOUND", "leaf_hash: no entry with that leaf hash in this log")
            : request.LeafIndex;
        if (index >= size)
        {
            throw NodeException.InvalidArgument("leaf_index", $"got {index}, want less than the tree size {size}");
        }
        var proof = new InclusionProof { LeafIndex = index, TreeSize = size };
        proof.Hashes.AddRange(LogReader.InclusionProof(session, log, index, size).Select(ByteString.CopyFrom));
        return new GetInclusionProofResponse
        {
            Proof = proof,
            Checkpoint = CheckpointAt(session, log, size, state),
            Entry = ByteString.CopyFrom(LogReader.RequireEntry(session, log, index)),
        };
    }

    /// <summary>The consistency proof between two sizes, the second sealed (0: the latest).</summary>
    public GetConsistencyProofResponse ConsistencyProof(GetConsistencyProofRequest request)
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
        return new GetConsistencyProofResponse { Proof = proof, Checkpoint = CheckpointAt(session, log, second, state) };
    }

    /// <summary>The own log, every mirror (size, cosignatures, lag, state) and the alarms.</summary>
    public GetLedgerStatusResponse Status()
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
            Mode = NodeModes.Region,
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
            var lag = MirrorLag.Of(head, status, now);
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
        return response;
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

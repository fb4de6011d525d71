using Grpc.Core;
using Regional.Node.Errors;
using Regional.Node.Federation.Transport;
using Regional.Node.Federation.Witnessing;
using Regional.Node.Ledger;
using Regional.V1;
using Regional.Node.Security.Authorization;

namespace Regional.Node.Services;

/// <summary>LedgerService for the node's own log and its mirrors: checkpoints with their cosignatures,
/// blocks (streamed, optionally following new ones), inclusion and consistency proofs, witnessing of other
/// regions' checkpoints (federated nodes only), and the node's status. Thin: the request's text is checked
/// by <see cref="RequestRules"/>, the reads are <see cref="LedgerQueries"/>'.</summary>
internal sealed class LedgerGrpcService(LedgerQueries queries, LogReader reader, IHostApplicationLifetime lifetime, CheckpointWitness? witness = null)
    : LedgerService.LedgerServiceBase
{
    /// <summary>Blocks read from the database per round trip while streaming.</summary>
    private const int BlockPage = 64;

    public override Task<GetCheckpointResponse> GetCheckpoint(GetCheckpointRequest request, ServerCallContext context) =>
        Task.FromResult(new GetCheckpointResponse { Checkpoint = queries.Checkpoint(request.Origin) });

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
        RequestRules.CheckInclusionProof(request);
        return Task.FromResult(queries.InclusionProof(request));
    }

    public override Task<GetConsistencyProofResponse> GetConsistencyProof(GetConsistencyProofRequest request, ServerCallContext context) =>
        Task.FromResult(queries.ConsistencyProof(request));

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

    public override Task<GetLedgerStatusResponse> GetLedgerStatus(GetLedgerStatusRequest request, ServerCallContext context) =>
        Task.FromResult(queries.Status());
}

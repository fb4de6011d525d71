using Grpc.Core;
using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.Node.Services;
using Regional.V1;
using Regional.Node.Configuration;

namespace Regional.Node.Mirror;

/// <summary>LedgerService of a read-only mirror node: checkpoints, blocks and proofs of the mirrored
/// logs (answered as a region node answers for its mirrors; an origin is required, as there is no
/// own log), the node's status (mode "mirror", no own log, every region's mirror with its lag), and
/// no witnessing.</summary>
internal sealed class MirrorLedgerGrpcService(LedgerGrpcService mirrored, LogReader reader, WriteRefusal refusal) : LedgerService.LedgerServiceBase
{
    public override Task<GetCheckpointResponse> GetCheckpoint(GetCheckpointRequest request, ServerCallContext context)
    {
        RequireOrigin(request.Origin);
        return mirrored.GetCheckpoint(request, context);
    }

    public override Task GetBlocks(GetBlocksRequest request, IServerStreamWriter<Block> responseStream, ServerCallContext context)
    {
        RequireOrigin(request.Origin);
        return mirrored.GetBlocks(request, responseStream, context);
    }

    public override Task<GetInclusionProofResponse> GetInclusionProof(GetInclusionProofRequest request, ServerCallContext context)
    {
        RequireOrigin(request.Origin);
        return mirrored.GetInclusionProof(request, context);
    }

    public override Task<GetConsistencyProofResponse> GetConsistencyProof(GetConsistencyProofRequest request, ServerCallContext context)
    {
        RequireOrigin(request.Origin);
        return mirrored.GetConsistencyProof(request, context);
    }

    public override Task<AddCheckpointResponse> AddCheckpoint(AddCheckpointRequest request, ServerCallContext context) =>
        throw refusal.Refuse("AddCheckpoint (a mirror witnesses nothing)", null);

    public override async Task<GetLedgerStatusResponse> GetLedgerStatus(GetLedgerStatusRequest request, ServerCallContext context)
    {
        // The region node's answer, less what a mirror does not have: its own log, region and key.
        var response = await mirrored.GetLedgerStatus(request, context);
        response.Mode = NodeModes.Mirror;
        response.Region = "";
        response.VerifierKey = "";
        response.OwnLog = null;
        return response;
    }

    /// <summary>A mirror has no own log: an empty origin does not mean "yours" here.</summary>
    private void RequireOrigin(string origin)
    {
        if (origin.Length == 0)
        {
            throw NodeException.InvalidArgument("origin", "empty, but a read-only mirror has no own log: want one of "
                + string.Join(", ", reader.Mirrors.All.OrderBy(m => m.Region, StringComparer.Ordinal).Select(m => $"'{m.Origin}'")));
        }
    }
}

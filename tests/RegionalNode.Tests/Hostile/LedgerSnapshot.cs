using Grpc.Net.Client;
using Regional.V1;

namespace Regional.Node.Tests.Hostile;

/// <summary>Every ledger a node holds (its own log and each mirror), as tree size and root, so a
/// hostile-input test can assert that nothing changed.</summary>
internal sealed record LedgerSnapshot(string Logs)
{
    public static async Task<LedgerSnapshot> TakeAsync(GrpcChannel channel)
    {
        var status = await new LedgerService.LedgerServiceClient(channel).GetLedgerStatusAsync(new GetLedgerStatusRequest());
        return new(string.Join("; ", new[] { status.OwnLog }.Concat(status.Mirrors.OrderBy(m => m.Region))
            .Select(l => $"{l.Region} size {l.TreeSize} root {(l.Checkpoint is null ? "none" : Convert.ToHexString(l.Checkpoint.RootHash.Span))}")));
    }

    /// <summary>The snapshot after waiting longer than sealing a block takes, so anything queued was sealed.</summary>
    public static async Task<LedgerSnapshot> SettledAsync(GrpcChannel channel)
    {
        await Task.Delay(100);
        return await TakeAsync(channel);
    }

    public override string ToString() => Logs;
}

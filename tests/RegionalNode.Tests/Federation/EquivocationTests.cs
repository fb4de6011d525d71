using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Regional.Node.Storage;
using Regional.Node.Tests.Licenses;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Node.Tests.Federation;

/// <summary>bj's log key signs two histories: tj, as witness or as mirror, keeps both signed notes,
/// raises an alarm, halts its mirror of bj (across restarts) and stops vouching for bj's licences.</summary>
public class EquivocationTests
{
    [Test]
    public async Task AddCheckpoint_SameSizeDifferentRootAfterCosigningTheReal_HaltsMirrorWithBothNotes()
    {
        // Arrange
        await using var federation = await TestFederation.StartAsync(regions: ["bj", "tj"]);
        var tj = federation["tj"];
        var (issued, _) = await IssueAndWitnessAsync(federation);
        var bj = await LogPlayer.FromMirrorAsync(federation, "bj", tj.Channel);
        using var asBj = tj.CreateChannel(federation.Ca.IssueNode("bj"));
        var witness = new LedgerService.LedgerServiceClient(asBj);
        var held = HeldSize(tj);
        var forged = bj.Sign(held, bj.Suite.Hash("another history"u8.ToArray()));

        // Act
        var error = Assert.ThrowsAsync<RpcException>(async () => await witness.AddCheckpointAsync(LogPlayer.Request(held, [], forged)));

        // Assert: refused, both notes kept, mirror halted, bj's licences UNKNOWN, further checkpoints refused.
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        var (evidenceA, evidenceB) = Evidence(tj);
        Assert.That(Body(evidenceA), Is.EqualTo(Body(bj.Sign(held))), "A is the real checkpoint tj cosigned");
        Assert.That(evidenceB, Is.EqualTo(forged));
        Assert.That(tj.Logs.Lines.Any(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("EQUIVOCATION by region bj", StringComparison.Ordinal)
            && l.Contains(forged, StringComparison.Ordinal)), Is.True);
        await AssertHaltedAsync(tj, issued.LicenseId);
        var again = Assert.ThrowsAsync<RpcException>(async () => await witness.AddCheckpointAsync(LogPlayer.Request(held, [], bj.Sign(held))));
        Assert.That(again!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(again.Status.Detail, Does.Contain("halted for equivocation"));

        await tj.RestartAsync();
        await AssertHaltedAsync(tj, issued.LicenseId);
    }

    [Test]
    public async Task MirrorBlocks_ContradictAWitnessedCheckpoint_HaltsMirror()
    {
        // Arrange: while bj is down, its key gets tj to witness made-up leaves; then bj's real log grows past them.
        await using var federation = await TestFederation.StartAsync(regions: ["bj", "tj"]);
        var tj = federation["tj"];
        var (issued, _) = await IssueAndWitnessAsync(federation);
        await federation["bj"].StopAsync();
        var bj = await LogPlayer.FromMirrorAsync(federation, "bj", tj.Channel);
        var held = HeldSize(tj);
        bj.AppendMadeUp(1);
        using (var asBj = tj.CreateChannel(federation.Ca.IssueNode("bj")))
        {
            await new LedgerService.LedgerServiceClient(asBj).AddCheckpointAsync(LogPlayer.Request(held, bj.Proof(held, bj.Size), bj.Sign(bj.Size)));
        }

        // Act
        await federation["bj"].StartAsync();
        var issuer = new LicenseClient(federation["bj"].Channel);
        // Issued together, so they share one block that jumps past the made-up size: the witness never
        // sees a checkpoint of that size, only the mirror can tell.
        await Task.WhenAll(new[] { "91110105MA01ABCD4Y", "91110105MA01ABCD5Z", "91110105MA01ABCD6W" }
            .Select(holder => issuer.IssueAsync(LicenseClient.BusinessLicence(holder: holder))));

        // Assert
        var state = await Eventually.UntilAsync(() => MirrorStateAsync(tj), s => s == "halted");
        Assert.That(state, Is.EqualTo("halted"));
        var (evidenceA, evidenceB) = Evidence(tj);
        Assert.That(Body(evidenceA), Is.EqualTo(Body(bj.Sign(bj.Size))), "A is the made-up checkpoint tj witnessed");
        Assert.That(Body(evidenceB), Does.StartWith("regional.example/bj\n").And.Not.EqualTo(Body(evidenceA)));
        await AssertHaltedAsync(tj, issued.LicenseId);
    }

    [Test]
    public async Task TwoCheckpointsOfOneSize_OneShownToTjTheOtherToHe_BothDetectWithEvidence()
    {
        // Arrange: bj's key signs two different histories of the same size while bj is down,
        // and shows one to tj and the other to he; then bj's real log grows past them.
        await using var federation = await TestFederation.StartAsync();
        var (issued, _) = await IssueAndWitnessAsync(federation);
        var head = await Eventually.UntilAsync(
            () => Task.FromResult((Tj: HeldSizeOrZero(federation["tj"]), He: HeldSizeOrZero(federation["he"]))),
            s => s.Tj > 0 && s.Tj == s.He);
        Assert.That(head.He, Is.EqualTo(head.Tj), "both witnesses hold bj's head");
        await Witnessing.MirrorSizeAsync(federation["tj"], "bj", head.Tj);
        await Witnessing.MirrorSizeAsync(federation["he"], "bj", head.He);
        await federation["bj"].StopAsync();
        var forTj = await LogPlayer.FromMirrorAsync(federation, "bj", federation["tj"].Channel);
        var forHe = await LogPlayer.FromMirrorAsync(federation, "bj", federation["he"].Channel);
        var held = forTj.Size;
        forTj.AppendMadeUp(1);
        forHe.AppendMadeUp(1);
        Assert.That(forTj.Root(forTj.Size), Is.Not.EqualTo(forHe.Root(forHe.Size)), "two histories of one size");
        foreach (var (region, player) in new[] { ("tj", forTj), ("he", forHe) })
        {
            using var asBj = federation[region].CreateChannel(federation.Ca.IssueNode("bj"));
            var witness = new LedgerService.LedgerServiceClient(asBj);
            var size = HeldSize(federation[region]);
            await witness.AddCheckpointAsync(LogPlayer.Request(size, player.Proof(size, player.Size), player.Sign(player.Size)));
        }

        // Act
        await federation["bj"].StartAsync();
        var issuer = new LicenseClient(federation["bj"].Channel);
        await Task.WhenAll(new[] { "91110105MA01EQUIV1", "91110105MA01EQUIV2" }
            .Select(holder => issuer.IssueAsync(LicenseClient.BusinessLicence(holder: holder))));

        // Assert: each witness caught the history it was shown, and kept both signed notes.
        foreach (var (region, player) in new[] { ("tj", forTj), ("he", forHe) })
        {
            var node = federation[region];
            var state = await Eventually.UntilAsync(() => MirrorStateAsync(node), s => s == "halted");
            Assert.That(state, Is.EqualTo("halted"), region);
            var (evidenceA, evidenceB) = Evidence(node);
            Assert.That(Body(evidenceA), Is.EqualTo(Body(player.Sign(player.Size))), $"{region}: A is the checkpoint it witnessed");
            Assert.That(Body(evidenceB), Does.StartWith("regional.example/bj\n").And.Not.EqualTo(Body(evidenceA)), region);
            await AssertHaltedAsync(node, issued.LicenseId);
        }
        Assert.That(held, Is.GreaterThan(0UL));
    }

    /// <summary>Issues a bj licence and waits until tj has cosigned bj's head and mirrored it.</summary>
    internal static async Task<(IssueLicenseResponse Issued, ulong Size)> IssueAndWitnessAsync(TestFederation federation)
    {
        var bj = new LicenseClient(federation["bj"].Channel);
        var issued = await bj.IssueAsync();
        var head = await Eventually.UntilAsync(
            async () => (await bj.Ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest())).OwnLog,
            s => s.Cosignatures >= 1 && s.TreeSize > issued.Receipt.LeafIndex);
        Assert.That(head.Cosignatures, Is.GreaterThanOrEqualTo(1u), "tj never cosigned bj's head");
        var size = await Witnessing.MirrorSizeAsync(federation["tj"], "bj", head.TreeSize);
        Assert.That(size, Is.EqualTo(head.TreeSize));
        return (issued, size);
    }

    private static async Task AssertHaltedAsync(TestNode tj, string licenseId)
    {
        Assert.That(await MirrorStateAsync(tj), Is.EqualTo("halted"));
        var status = await new LedgerService.LedgerServiceClient(tj.Channel).GetLedgerStatusAsync(new GetLedgerStatusRequest());
        Assert.That(status.Alarms.Any(a => a.Region == "bj" && a.Kind == "equivocation"), Is.True);
        var answer = await new LicenseClient(tj.Channel).Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = licenseId });
        Assert.That(answer.Status, Is.EqualTo(VerificationStatus.Unknown));
        Assert.That(answer.Detail, Does.Contain("equivocation"));
    }

    private static string? Body(string? note) => note?.Split("\n\n")[0];

    private static async Task<string> MirrorStateAsync(TestNode node) =>
        (await new LedgerService.LedgerServiceClient(node.Channel).GetLedgerStatusAsync(new GetLedgerStatusRequest()))
            .Mirrors.Single(m => m.Region == "bj").State;

    private static ulong HeldSize(TestNode node) => (ulong)Scalar<long>(node, "SELECT tree_size FROM witness_state WHERE origin = 'regional.example/bj'");

    private static ulong HeldSizeOrZero(TestNode node) =>
        (ulong)Scalar<long?>(node, "SELECT tree_size FROM witness_state WHERE origin = 'regional.example/bj'").GetValueOrDefault();

    private static (string? A, string? B) Evidence(TestNode node) =>
        (Scalar<string>(node, "SELECT evidence_a FROM alarms WHERE kind = 'equivocation'"),
         Scalar<string>(node, "SELECT evidence_b FROM alarms WHERE kind = 'equivocation'"));

    private static T Scalar<T>(TestNode node, string sql)
    {
        using var session = (SqliteSession)node.Services.GetRequiredService<IDatabase>().Open();
        using var command = session.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() is T value ? value : default!;
    }
}

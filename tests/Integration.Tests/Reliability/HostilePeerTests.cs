using Regional.Integration.Tests.Support;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Integration.Tests.Reliability;

/// <summary>
/// tj follows a hostile bj: a peer with a valid bj node certificate that first serves bj's real blocks, then
/// garbage, another region's blocks, blocks past their signed checkpoint, an endless unchained stream, an
/// oversized block, or nothing at all. tj's mirror of bj keeps its size and root, a rejected block raises an
/// alarm (see ForgedBlockTests), an endless stream is not buffered, and tj keeps serving its own API.
/// </summary>
public class HostilePeerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [TestCase(Hostility.RandomBytes, "Malformed")]
    [TestCase(Hostility.WrongRegion, "WrongLog")]
    [TestCase(Hostility.UndecodableEntry, "RootMismatch")]
    [TestCase(Hostility.PastSignedCheckpoint, "CheckpointMismatch")]
    [TestCase(Hostility.EndlessUnchained, "PreviousHashMismatch")]
    public async Task HostileBlocksFromFakeBj_TjFollows_RejectedWithAlarmMirrorUnchangedAndStillServing(Hostility hostility, string failure)
    {
        await using var fake = await FakeLedgerPeer.StartAsync();
        await using var federation = await StartAsync(fake);
        var (tj, held, hostile) = await HoldGenuineBlocksAsync(federation, fake);

        fake.Serve(hostile.Script(hostility));
        var (status, _) = await Eventually.UntilAsync(tj.StatusAsync,
            s => s.Alarms.Any(a => a.Kind == "rejected_block") && s.Mirrors.Single(m => m.Region == "bj").State == "rejected", Patience);
        var calls = fake.Calls;
        await Eventually.UntilAsync(() => Task.FromResult(fake.Calls), c => c > calls, Patience); // it tried again, and was refused again
        var after = await tj.MirrorAsync("bj");
        var alarms = (await tj.StatusAsync()).Alarms.Count(a => a.Kind == "rejected_block");

        var alarm = status.Alarms.FirstOrDefault(a => a.Kind == "rejected_block");
        Assert.That(alarm, Is.Not.Null, $"no rejected_block alarm; mirror {status.Mirrors.Single(m => m.Region == "bj")}");
        Assert.Multiple(() =>
        {
            Assert.That(alarm!.Region, Is.EqualTo("bj"));
            Assert.That(alarm.Detail, Does.StartWith(failure));
            Assert.That(alarms, Is.EqualTo(1), "the same block refused again raises no new alarm");
            Assert.That((after.TreeSize, after.Height, after.Checkpoint.RootHash), Is.EqualTo((held.TreeSize, held.Height, held.Checkpoint.RootHash)));
            // One block is read and refused per stream; the rest is what HTTP/2 flow control lets the peer push ahead.
            Assert.That(hostile.Sent, Is.LessThan(2_000L * fake.Calls), "blocks the hostile peer got to send");
        });
        await AssertStillServingAsync(federation, tj);
        TestContext.Out.WriteLine($"{hostility}: {hostile.Sent} blocks taken by {fake.Calls} streams; alarm '{alarm!.Detail}'");
    }

    [TestCase(Hostility.Silent, "following")]
    [TestCase(Hostility.Oversized, "unreachable")]
    public async Task NothingOrTooMuchFromFakeBj_TjFollows_NoAlarmMirrorUnchangedAndStillServing(Hostility hostility, string state)
    {
        await using var fake = await FakeLedgerPeer.StartAsync();
        await using var federation = await StartAsync(fake);
        var (tj, held, hostile) = await HoldGenuineBlocksAsync(federation, fake);
        var calls = fake.Calls;

        fake.Serve(hostile.Script(hostility));
        await Eventually.UntilAsync(() => Task.FromResult(fake.Calls), c => c > calls, Patience); // tj opened the hostile stream
        await Task.Delay(TimeSpan.FromSeconds(1)); // and had time to store what it should not
        var (mirror, _) = await Eventually.UntilAsync(() => tj.MirrorAsync("bj"), m => m.State == state, Patience);
        var status = await tj.StatusAsync();

        Assert.Multiple(() =>
        {
            Assert.That(mirror.State, Is.EqualTo(state), mirror.ToString());
            Assert.That(status.Alarms, Is.Empty);
            Assert.That((mirror.TreeSize, mirror.Height, mirror.Checkpoint.RootHash), Is.EqualTo((held.TreeSize, held.Height, held.Checkpoint.RootHash)));
        });
        await AssertStillServingAsync(federation, tj);
    }

    /// <summary>bj (real) and tj, whose trust file sends it to the fake for bj. Witnessing is not under test: quorum 0.</summary>
    private static Task<TestFederation> StartAsync(FakeLedgerPeer fake) =>
        TestFederation.StartAsync("gm", 0, null, new Dictionary<string, Uri> { ["bj"] = fake.Endpoint }, "bj", "tj");

    /// <summary>bj issues; the fake serves all its real blocks but the last, and tj holds them. The hostile
    /// scripts start from the last real block (and tj's own blocks, for a wrong region).</summary>
    private static async Task<(NodeClient Tj, LogStatus Held, HostileBlocks Hostile)> HoldGenuineBlocksAsync(TestFederation federation, FakeLedgerPeer fake)
    {
        fake.UseCertificate(federation.Ca.IssueNode("bj"));
        var bj = new NodeClient(federation["bj"].Channel, "bj");
        var tj = new NodeClient(federation["tj"].Channel, "tj");
        for (var i = 0; i < 3; i++)
        {
            await bj.IssueAsync();
        }
        await tj.IssueAsync();
        var real = await bj.OwnBlocksAsync();
        var trusted = real.Count - 1;
        fake.Serve(from => real.Take(trusted).Skip((int)from));
        var (held, _) = await Eventually.UntilAsync(() => tj.MirrorAsync("bj"), m => m.TreeSize > 0 && m.Height == (ulong)trusted - 1, Patience);
        Assert.That(held.Height, Is.EqualTo((ulong)trusted - 1), "tj should first hold bj's genuine blocks");
        return (tj, held, new HostileBlocks(real, trusted, await tj.OwnBlocksAsync()));
    }

    /// <summary>tj still issues its own licences and answers for bj's from its mirror.</summary>
    private static async Task AssertStillServingAsync(TestFederation federation, NodeClient tj)
    {
        var own = await tj.IssueAsync();
        var verified = await tj.VerifyAsync(own.LicenseId);
        var firstLeaf = await tj.Ledger.GetInclusionProofAsync(new GetInclusionProofRequest { Origin = "regional.example/bj", LeafIndex = 0 });
        var bjFirst = (await new NodeClient(federation["bj"].Channel, "bj").OwnBlocksAsync())[0].Entries[0];
        Assert.That(verified.Status, Is.EqualTo(VerificationStatus.Valid), verified.Detail);
        Assert.That(firstLeaf.Entry, Is.EqualTo(bjFirst), "tj's stored leaf 0 of bj must be bj's real one");
    }
}

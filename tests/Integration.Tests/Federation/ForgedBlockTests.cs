using Regional.Integration.Tests.Support;
using Regional.LicenseVerifier.Crypto;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Integration.Tests.Federation;

/// <summary>
/// tj follows a fake bj: a peer with a valid bj node certificate that serves bj's real blocks, then a
/// forged one. tj must refuse it: its mirror keeps the size and root it had, an alarm says which check
/// failed, the mirror's state is "rejected", and nothing of the forged block becomes verifiable.
/// </summary>
public class ForgedBlockTests
{
    // Generous: under a loaded CI machine tj's follower, backing off from the fake peer's early empty answers, once took over 15 s.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [TestCase(Forgery.SignedByAnotherKey, "IssuerSignature")]
    [TestCase(Forgery.WrongPreviousHash, "PreviousHashMismatch")]
    [TestCase(Forgery.EntryChanged, "RootMismatch")]
    [TestCase(Forgery.StoredLeafChangedFromHeightZero, "HeightGap")]
    public async Task ForgedBlockFromFakeBj_TjFollows_RejectedWithAlarmAndMirrorUnchanged(Forgery forgery, string failure)
    {
        await using var fake = await FakeLedgerPeer.StartAsync();
        // Witnessing is not under test: quorum 0 leaves block validation as the only check in play.
        await using var federation = await TestFederation.StartAsync("gm", 0, null, new Dictionary<string, Uri> { ["bj"] = fake.Endpoint }, "bj", "tj");
        fake.UseCertificate(federation.Ca.IssueNode("bj"));
        var bj = new NodeClient(federation["bj"].Channel, "bj");
        var tj = new NodeClient(federation["tj"].Channel, "tj");
        var issued = new List<IssueLicenseResponse>();
        for (var i = 0; i < 3; i++)
        {
            issued.Add(await bj.IssueAsync());
        }
        var real = await bj.OwnBlocksAsync();
        var trusted = real.Count - 1;
        fake.Serve(from => real.Take(trusted).Skip((int)from));
        var (held, _) = await Eventually.UntilAsync(() => tj.MirrorAsync("bj"), m => m.TreeSize > 0 && m.Height == (ulong)trusted - 1, Patience);
        Assert.That(held.Height, Is.EqualTo((ulong)trusted - 1), "tj should first hold bj's genuine blocks");
        Assert.That((await tj.StatusAsync()).Alarms, Is.Empty);

        fake.Serve(Script(forgery, real, trusted));
        var (status, _) = await Eventually.UntilAsync(tj.StatusAsync,
            s => s.Alarms.Any(a => a.Kind == "rejected_block") && s.Mirrors.Single(m => m.Region == "bj").State == "rejected", Patience);

        var mirror = status.Mirrors.Single(m => m.Region == "bj");
        var alarm = status.Alarms.FirstOrDefault(a => a.Kind == "rejected_block");
        Assert.That(alarm, Is.Not.Null, $"no rejected_block alarm; mirror state {mirror.State}");
        Assert.Multiple(() =>
        {
            Assert.That(alarm!.Region, Is.EqualTo("bj"));
            Assert.That(alarm.Detail, Does.StartWith(failure));
            Assert.That(mirror.State, Is.EqualTo("rejected"));
            Assert.That(mirror.TreeSize, Is.EqualTo(held.TreeSize));
            Assert.That(mirror.Height, Is.EqualTo(held.Height));
            Assert.That(mirror.Checkpoint.RootHash, Is.EqualTo(held.Checkpoint.RootHash));
        });
        var last = await tj.VerifyAsync(issued[^1].LicenseId);
        Assert.That(last.Status, Is.Not.EqualTo(VerificationStatus.Valid), "a licence only in the forged block must not verify");
        var firstLeaf = await tj.Ledger.GetInclusionProofAsync(new GetInclusionProofRequest { Origin = "regional.example/bj", LeafIndex = 0 });
        Assert.That(firstLeaf.Entry, Is.EqualTo(real[0].Entries[0]), "tj's stored leaf 0 must be bj's real one");
    }

    private static Func<ulong, IEnumerable<Block>> Script(Forgery forgery, List<Block> real, int trusted)
    {
        List<Block> forged = forgery switch
        {
            Forgery.SignedByAnotherKey => [Forge.SignedByAnotherKey(real[trusted], Suite.FromName("gm")!)],
            Forgery.WrongPreviousHash => [Forge.WrongPreviousHash(real[trusted])],
            Forgery.EntryChanged => [Forge.EntryChanged(real[trusted])],
            _ => [Forge.EntryChanged(real[0]), .. real.Skip(1)],
        };
        // The forger ignores from_height: it always serves its forgery.
        return _ => forged;
    }
}

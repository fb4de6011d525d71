using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Provisioning = Regional.Provisioning;
using Regional.Integration.Tests.Support;
using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Merkle;
using Regional.LicenseVerifier.Notes;
using Regional.Node.Tests.Support;
using Regional.V1;
using Checkpoint = Regional.LicenseVerifier.Notes.Checkpoint;

namespace Regional.Integration.Tests.Federation;

/// <summary>
/// Status proofs across three live regions (issue 14): a holder's copy downloaded before a revocation says
/// as of when it was true and goes stale by policy; refreshed from another region's mirror it tells the truth,
/// checked by LicenseVerifier alone. A bj that leaves a revocation out of its status map is refused by the
/// mirror, with both roots in the alarm.
/// </summary>
public class StatusProofTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Test]
    public async Task RevokedInBj_OldCopyGoesStale_RefreshedFromHeAndTjIsRevoked()
    {
        await using var federation = await TestFederation.StartAsync("gm", 1, null, "bj", "tj", "he");
        var policy = federation.Policy(1);
        var bj = new NodeClient(federation["bj"].Channel, "bj");
        var he = new NodeClient(federation["he"].Channel, "he");
        var tj = new NodeClient(federation["tj"].Channel, "tj");
        var issued = await bj.IssueAsync();
        var copy = await bj.Licenses.DownloadLicenseAsync(new DownloadLicenseRequest { LicenseId = issued.LicenseId });
        var fields = copy.Document.Fields.ToList();
        var downloaded = BundleVerifier.Verify(copy.Proof, policy, DateTimeOffset.UtcNow, fields);
        Assert.That((downloaded.Failure, downloaded.Status, downloaded.IsStale), Is.EqualTo((BundleFailure.None, VerificationStatus.Valid, false)), downloaded.Detail);

        var revoked = await bj.RevokeAsync(issued.LicenseId);
        var revokedSize = revoked.Receipt.Checkpoint.TreeSize;
        var later = DateTimeOffset.UtcNow.AddHours(3);
        var old = BundleVerifier.Verify(copy.Proof, policy, later, fields, maxStatusAge: TimeSpan.FromHours(2));
        Assert.Multiple(() =>
        {
            Assert.That(old.IsValid, Is.True, "an old copy stays a valid proof of what was true then");
            Assert.That(old.Status, Is.EqualTo(VerificationStatus.Valid), "as of its time, it was valid");
            Assert.That(old.IsStale, Is.True, "three hours later, with a two-hour policy, it is stale");
            Assert.That(old.StatusAsOf, Is.EqualTo(downloaded.StatusAsOf));
        });

        foreach (var region in new[] { he, tj })
        {
            var (fresh, _) = await Eventually.UntilAsync(
                async () => (await region.Licenses.GetStatusProofAsync(new GetStatusProofRequest { LicenseId = issued.LicenseId, LeafIndex = copy.Proof.LeafIndex })).Proof,
                p => p.TreeSize >= revokedSize && BundleVerifier.Verify(p, policy, DateTimeOffset.UtcNow).IsValid, Patience); // cosigned by then
            var check = BundleVerifier.Verify(fresh, policy, DateTimeOffset.UtcNow, fields);
            Assert.Multiple(() =>
            {
                Assert.That(check.Failure, Is.EqualTo(BundleFailure.None), $"{region.Region}: {check.Detail}");
                Assert.That(check.Status, Is.EqualTo(VerificationStatus.Revoked), $"refreshed from {region.Region}");
                Assert.That(check.IsStale, Is.False);
                Assert.That(check.StatusAsOf, Is.GreaterThan(downloaded.StatusAsOf!.Value));
                Assert.That(fresh.Entry, Is.EqualTo(copy.Proof.Entry), "the same licence entry, so the document and salts still match");
                Assert.That(check.Fields.All(f => f.Outcome == LicenseVerifier.Digests.FieldOutcome.Match), Is.True, "the copy's fields still match its entry");
            });
        }
    }

    [Test]
    public async Task GetStatusProof_RecordsNothing_AndRefusesUnknownLicenceAndForeignLeaf()
    {
        await using var federation = await TestFederation.StartAsync("gm", 1, null, "bj", "tj", "he");
        var bj = new NodeClient(federation["bj"].Channel, "bj");
        var issued = await bj.IssueAsync();
        var other = await bj.IssueAsync();
        var before = (await bj.StatusAsync()).OwnLog.TreeSize;

        await bj.Licenses.GetStatusProofAsync(new GetStatusProofRequest { LicenseId = issued.LicenseId });
        var unknown = Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
            await bj.Licenses.GetStatusProofAsync(new GetStatusProofRequest { LicenseId = "BJ-2026-999999" }));
        var foreignLeaf = Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
            await bj.Licenses.GetStatusProofAsync(new GetStatusProofRequest { LicenseId = issued.LicenseId, LeafIndex = other.Receipt.LeafIndex }));

        Assert.Multiple(async () =>
        {
            Assert.That(unknown!.StatusCode, Is.EqualTo(Grpc.Core.StatusCode.NotFound));
            Assert.That(foreignLeaf!.StatusCode, Is.EqualTo(Grpc.Core.StatusCode.InvalidArgument), "a leaf of another licence is not this licence's version");
            Assert.That((await bj.StatusAsync()).OwnLog.TreeSize, Is.EqualTo(before), "a status proof carries no personal data: no access record");
        });
    }

    [Test]
    public async Task FakeBjLeavesRevocationOutOfItsStatusMap_TjRefusesTheBlockWithBothRoots()
    {
        await using var fake = await FakeLedgerPeer.StartAsync();
        await using var federation = await TestFederation.StartAsync("gm", 0, null, new Dictionary<string, Uri> { ["bj"] = fake.Endpoint }, "bj", "tj");
        fake.UseCertificate(federation.Ca.IssueNode("bj"));
        var suite = Suite.FromName("gm")!;
        var bj = new NodeClient(federation["bj"].Channel, "bj");
        var tj = new NodeClient(federation["tj"].Channel, "tj");
        var issued = await bj.IssueAsync();
        await bj.RevokeAsync(issued.LicenseId);
        var real = await bj.OwnBlocksAsync();
        var revocation = real.FindLastIndex(b => b.Entries.Any(e => LedgerEntry.Parser.ParseFrom(e).LicenseStatusChanged is not null));
        fake.Serve(from => real.Take(revocation).Skip((int)from));
        await Eventually.UntilAsync(() => tj.MirrorAsync("bj"), m => m.Height == (ulong)revocation - 1, Patience);

        // bj's key signs a block that records the revocation but commits the map as it was before it.
        var signer = Provisioning.KeyFile.Read(federation["bj"].SigningKeyPath, suite);
        var forged = LeaveOutOfStatusMap(real, revocation, suite, NoteSigner.Create("regional.example/bj", signer), out var honestRoot, out var forgedRoot);
        fake.Serve(from => [forged]);
        var (status, _) = await Eventually.UntilAsync(tj.StatusAsync, s => s.Alarms.Any(a => a.Kind == "status_root_mismatch"), Patience);

        var alarm = status.Alarms.Single(a => a.Kind == "status_root_mismatch");
        var mirror = status.Mirrors.Single(m => m.Region == "bj");
        Assert.Multiple(async () =>
        {
            Assert.That(alarm.Detail, Does.Contain(Convert.ToHexStringLower(forgedRoot)), "the root bj signed");
            Assert.That(alarm.Detail, Does.Contain(Convert.ToHexStringLower(honestRoot)), "the root the mirror recomputed");
            Assert.That(mirror.State, Is.EqualTo("rejected"));
            Assert.That(mirror.Height, Is.EqualTo((ulong)revocation - 1), "the forged block is not stored");
            Assert.That((await tj.VerifyAsync(issued.LicenseId)).Status, Is.EqualTo(VerificationStatus.Valid), "tj answers from what it verified, before the revocation");
        });

        // tj's witness no longer vouches for bj beyond what its mirror verified.
        await bj.IssueAsync();
        var next = (await bj.Ledger.GetCheckpointAsync(new GetCheckpointRequest())).Checkpoint;
        using var asBj = federation["tj"].CreateChannel(federation.Ca.IssueNode("bj"));
        var refused = Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
            await new LedgerService.LedgerServiceClient(asBj).AddCheckpointAsync(new AddCheckpointRequest { OldSize = 0, Checkpoint = next.Note }));
        Assert.That(refused!.StatusCode, Is.EqualTo(Grpc.Core.StatusCode.FailedPrecondition));
        Assert.That(refused.Status.Detail, Does.Contain("refused a block").And.Contain("cosigns nothing beyond"));
    }

    /// <summary>The block at <paramref name="index"/> with its StatusRoot set to the previous block's (the map
    /// without the block's revocation), its tree root recomputed and its checkpoint signed again with bj's key.</summary>
    private static Block LeaveOutOfStatusMap(List<Block> real, int index, Suite suite, NoteSigner signer, out byte[] honestRoot, out byte[] forgedRoot)
    {
        var previousRoot = LedgerEntry.Parser.ParseFrom(real[index - 1].Entries[^1]).StatusRoot.Root;
        var last = LedgerEntry.Parser.ParseFrom(real[index].Entries[^1]);
        honestRoot = last.StatusRoot.Root.ToByteArray();
        forgedRoot = previousRoot.ToByteArray();
        last.StatusRoot.Root = previousRoot;
        var block = new Block();
        block.Entries.AddRange(real[index].Entries);
        block.Entries[^1] = last.ToByteString();
        var range = CompactRange.Empty(suite);
        foreach (var entry in real.Take(index).SelectMany(b => b.Entries).Concat(block.Entries))
        {
            range = range.Append(suite.HashLeaf(entry.Span));
        }
        var header = BlockHeader.Parser.ParseFrom(real[index].Header);
        header.RootHash = ByteString.CopyFrom(range.Root());
        header.Checkpoint = SignedNote.Sign(new Checkpoint(header.Origin, header.TreeSize, range.Root()).ToBody(), signer).ToString();
        block.Header = header.ToByteString();
        return block;
    }
}

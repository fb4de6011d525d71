using Grpc.Core;
using Regional.Integration.Tests.Support;
using Regional.V1;

namespace Regional.Integration.Tests.Attacks;

/// <summary>
/// Streams are bounded like calls, and a single-use grant is used up only on delivery. Every node allows
/// two GetBlocks streams (Node:MaxConcurrentStreams), which its two peers' mirrors hold; a third caller is
/// refused. Holding bj's free slot while tj restarts keeps tj's mirror of bj behind bj, so a relayed
/// download of a licence amended meanwhile cannot be checked at tj: the grant must stay unused.
/// </summary>
[NonParallelizable]
public sealed class MirrorBehindAttackTests : AttackFixture
{
    private protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string> { ["Node:MaxConcurrentStreams"] = "2" };

    [Test]
    public async Task GetBlocks_AThirdFollowerBeyondTheStreamLimit_ResourceExhaustedAndMirrorsKeepFollowing()
    {
        // Arrange: tj's and he's mirrors hold bj's two streams.
        var before = await Attack.ConvergedAsync();
        var ledger = new LedgerService.LedgerServiceClient(Attack.Channel("bj", "bj", "bj-audit", "auditor"));

        // Act
        var refusal = await AttackFederation.RefusalOf(async () =>
        {
            using var stream = ledger.GetBlocks(new GetBlocksRequest { Follow = true });
            await stream.ResponseStream.MoveNext(CancellationToken.None);
        });

        // Assert
        Assert.That((refusal.Code, refusal.Reason), Is.EqualTo((StatusCode.ResourceExhausted, "NODE_BUSY")), refusal.Message);
        await Attack.AssertUnchangedAsync(before);
    }

    [Test]
    public async Task RelayedDownload_LicenceNewerThanTheRelayingMirror_MirrorBehindAndTheGrantStaysUnused()
    {
        // Arrange: a single-use grant; tj stops, an attacker's follower takes bj's free stream slot, bj amends
        // the licence, and tj comes back unable to follow bj: its mirror holds the old version.
        var app = Attack.HoldersApp("bj");
        var grant = await AttackFederation.GrantAsync(app, Flat);
        await Attack.ConvergedAsync();
        await Attack.Federation["tj"].StopAsync();
        var ledger = new LedgerService.LedgerServiceClient(Attack.Channel("bj", "bj", "bj-audit", "auditor"));
        using var hog = new CancellationTokenSource();
        var held = await HoldStreamAsync(ledger, hog.Token);
        await AmendAsync();
        await Attack.Federation["tj"].StartAsync();
        var clerk = Attack.Licenses("tj", "tj", "tj-power", "clerk");

        // Act
        var behind = await AttackFederation.RefusalOf(() => AttackFederation.DownloadAsync(clerk, Flat, grant.Grant.GrantId));
        var unused = await app.ListConsentsAsync(new ListConsentsRequest { LicenseId = Flat, HolderId = AttackFederation.OwnerId });
        await hog.CancelAsync();
        held.Dispose();
        var (delivered, _) = await Eventually.UntilAsync(async () =>
        {
            try
            {
                return await AttackFederation.DownloadAsync(clerk, Flat, grant.Grant.GrantId);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable)
            {
                return null; // tj's mirror is still catching up (the follower backs off after refusals)
            }
        }, d => d is not null, TimeSpan.FromSeconds(60));

        // Assert
        Assert.That((behind.Code, behind.Reason), Is.EqualTo((StatusCode.Unavailable, "MIRROR_BEHIND")), behind.Message);
        Assert.That(behind.Message, Does.Contain("no grant was used"));
        Assert.That(unused.Consents.Single(c => c.Grant.GrantId == grant.Grant.GrantId).Uses, Is.Zero, "the grant was not used by the refused download");
        Assert.That(delivered, Is.Not.Null, "once tj's mirror caught up, the grant delivered the new version");
        Assert.That(delivered!.Document.Version, Is.EqualTo(2u));
    }

    /// <summary>Opens a following GetBlocks stream on bj, retrying until a slot is free (tj's stream closes as tj stops).</summary>
    private static async Task<AsyncServerStreamingCall<Block>> HoldStreamAsync(LedgerService.LedgerServiceClient ledger, CancellationToken token)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var stream = ledger.GetBlocks(new GetBlocksRequest { Follow = true }, cancellationToken: token);
            try
            {
                await stream.ResponseStream.MoveNext(token);
                return stream;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted && DateTime.UtcNow < deadline)
            {
                stream.Dispose();
                await Task.Delay(100, token);
            }
        }
    }

    private async Task AmendAsync()
    {
        var amend = new AmendLicenseRequest { LicenseId = Flat, IssuingDepartment = "bj-natural-resources" };
        amend.Fields.Add([
            AttackFederation.Field("certificate_number", "京(2026)海淀区不动产权第0012345号"), AttackFederation.Field("owner_name", "王海淀"),
            AttackFederation.Field("owner_id_number", AttackFederation.OwnerId), AttackFederation.Field("location", "北京市海淀区中关村南大街5号院3号楼1单元602"),
            AttackFederation.Field("unit_number", "110108001001GB00001F00010602"), AttackFederation.Field("right_type", "国有建设用地使用权/房屋所有权"),
            AttackFederation.Field("usage", "住宅"), AttackFederation.Field("area_sqm", "91.2")]);
        await Attack.Licenses("bj", "bj", "bj-natural-resources", "issuer").AmendLicenseAsync(amend);
    }
}

using Regional.Integration.Tests.Support;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Integration.Tests.Federation;

/// <summary>A region keeps answering for another region's licences from its mirror while the issuer is
/// down, says how old its view is, and catches up when the issuer is back (same port, same data).</summary>
public class IssuerOfflineTests
{
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(15);

    [Test]
    public async Task StopBj_VerifyOnTj_ValidFromMirrorWithItsAge_ThenRestartBj_TjAndHeCatchUp()
    {
        await using var federation = await TestFederation.StartAsync(witnessQuorum: 1);
        var bj = new NodeClient(federation["bj"].Channel, "bj");
        var before = await bj.IssueAsync();
        await Eventually.UntilAsync(() => Tj().VerifyAsync(before.LicenseId), r => r.Status == VerificationStatus.Valid, CatchUp);

        await federation["bj"].StopAsync();
        var (unreachable, _) = await Eventually.UntilAsync(() => Tj().MirrorAsync("bj"), m => m.State == "unreachable", CatchUp);
        var offline = await Tj().VerifyAsync(before.LicenseId);

        Assert.That(unreachable.State, Is.EqualTo("unreachable"));
        Assert.That(offline.Status, Is.EqualTo(VerificationStatus.Valid), offline.Detail);
        Assert.That(offline.CheckpointSize, Is.GreaterThan(before.Receipt.LeafIndex));
        Assert.That(offline.CheckpointTime, Is.Not.Null, "the answer must say how fresh the mirror is");
        var age = DateTimeOffset.UtcNow - offline.CheckpointTime.ToDateTimeOffset();
        Assert.That(age, Is.GreaterThan(TimeSpan.Zero).And.LessThan(TimeSpan.FromMinutes(1)));
        Assert.That(offline.CheckpointTime.ToDateTimeOffset(), Is.GreaterThanOrEqualTo(before.Receipt.Checkpoint.SealedAt.ToDateTimeOffset()));

        await federation["bj"].StartAsync();
        bj = new NodeClient(federation["bj"].Channel, "bj");
        var after = new List<IssueLicenseResponse>();
        for (var i = 0; i < 3; i++)
        {
            after.Add(await bj.IssueAsync());
        }
        foreach (var region in new[] { "tj", "he" })
        {
            var client = new NodeClient(federation[region].Channel, region);
            foreach (var issued in after)
            {
                var (answer, elapsed) = await Eventually.UntilAsync(() => client.VerifyAsync(issued.LicenseId), r => r.Status == VerificationStatus.Valid, CatchUp);
                Assert.That(answer.Status, Is.EqualTo(VerificationStatus.Valid), $"{region}, {issued.LicenseId} after {elapsed.TotalSeconds:F1} s: {answer.Detail}");
            }
            var mirror = await client.MirrorAsync("bj");
            Assert.That(mirror.TreeSize, Is.GreaterThan(after[^1].Receipt.LeafIndex), region);
            Assert.That(mirror.State, Is.EqualTo("following"), region);
        }

        NodeClient Tj() => new(federation["tj"].Channel, "tj");
    }
}

using Grpc.Core;
using Regional.Integration.Tests.Reliability;
using Regional.Integration.Tests.Support;
using Regional.LicenseVerifier.Bundles;
using Regional.V1;

namespace Regional.Integration.Tests.Federation;

/// <summary>
/// A federation of five (issue 20, docs/federation.md "Any number of regions"): Beijing, Tianjin, Hebei, a Haidian
/// district node (hd) and Xiong'an (xa), every link through a fault-injecting proxy, and a trust file that asks two
/// cosignatures of every checkpoint. A licence issued in each region verifies in all five with a bundle a relying
/// party accepts offline under that quorum. With xa cut off from everyone, the other four go on issuing and cosigning
/// one another (four witnesses for a quorum of two), xa still answers for what it mirrored, and after the heal every
/// mirror reaches its issuer's size and root, with no alarm anywhere.
/// </summary>
[NonParallelizable]
public class FiveRegionTests
{
    private static readonly string[] Regions = ["bj", "tj", "he", "hd", "xa"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private ProxiedFederation? _federation;

    [TearDown]
    public void DumpLogsOnFailure() => NodeLogs.DumpOnFailure(_federation?.Federation, Regions);

    [Test]
    [CancelAfter(240_000)]
    public async Task IssueInEach_VerifyInAllFive_QuorumTwo_XaPartitioned_TheOthersGoOn_AfterHealAllConverge()
    {
        // Arrange
        await using var federation = _federation = await ProxiedFederation.StartAsync(witnessQuorum: 2, settings: null, Regions);
        var policy = RelyingParty.PolicyFromTrustFile(federation.Federation.TrustFilePath);
        var first = new Dictionary<string, string>();
        foreach (var region in Regions)
        {
            first[region] = (await federation.Client(region).IssueAsync()).LicenseId;
        }

        // Act 1: every licence verifies everywhere, with a bundle that meets the quorum of two offline.
        var everywhere = await NotValidAsync(federation, Regions, first.Values, policy);

        // Act 2: xa is cut from every region (both directions); bj and hd issue; the others verify with quorum 2.
        foreach (var link in federation.LinksOf("xa"))
        {
            link.Cut(CutMode.Refuse);
        }
        var during = new List<string>();
        foreach (var region in new[] { "bj", "hd", "bj", "hd" })
        {
            during.Add((await federation.Client(region).IssueAsync()).LicenseId);
        }
        var othersDuring = await NotValidAsync(federation, ["bj", "tj", "he", "hd"], during, policy);
        var xaOwnDuring = await federation.Client("xa").IssueAsync();
        var xaAnswersWhatItHolds = await federation.Client("xa").VerifyAsync(first["bj"]);
        var xaOfBjDuring = await federation.Client("xa").MirrorAsync("bj");

        // Act 3: heal; xa catches up and is caught up with.
        foreach (var link in federation.LinksOf("xa"))
        {
            link.Heal(resetHeld: true);
        }
        var (statuses, converged) = await Eventually.UntilAsync(() => PartitionTests.StatusesAsync(federation, Regions),
            s => PartitionTests.Problems(s).Count == 0, Patience);
        var afterHeal = await NotValidAsync(federation, Regions, [.. during, xaOwnDuring.LicenseId], policy);
        TestContext.Out.WriteLine($"five regions, quorum 2: converged {converged.TotalSeconds:F1} s after the heal; "
            + string.Join(", ", statuses.Select(s => $"{s.Key} size {s.Value.OwnLog.TreeSize}")));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(policy.WitnessQuorum, Is.EqualTo(2));
            Assert.That(first.Values.Select(id => id[..2]), Is.EqualTo(new[] { "BJ", "TJ", "HE", "HD", "XA" }), "each region numbers its own licences");
            Assert.That(everywhere, Is.Empty, "before the cut");
            Assert.That(othersDuring, Is.Empty, "the four connected regions, during the cut");
            Assert.That(xaAnswersWhatItHolds.Status, Is.EqualTo(VerificationStatus.Valid), "xa answers for bj's licence from its mirror during the cut");
            Assert.That(xaOfBjDuring.TreeSize, Is.LessThan(statuses["bj"].OwnLog.TreeSize), "xa's mirror of bj fell behind during the cut");
            Assert.That(PartitionTests.Problems(statuses), Is.Empty, "every mirror at its issuer's size and root after the heal");
            Assert.That(afterHeal, Is.Empty, "after the heal, in all five");
            Assert.That(statuses.Values.SelectMany(s => s.Alarms).Select(a => $"{a.Kind} {a.Region}: {a.Detail}"), Is.Empty, "a partition is no alarm");
        });
    }

    /// <summary>Each licence on each node: VALID, with a bundle the relying party's policy accepts offline (within a
    /// minute, while mirrors follow and cosignatures gather); one line per one that does not get there.</summary>
    private static async Task<List<string>> NotValidAsync(ProxiedFederation federation, IEnumerable<string> nodes, IEnumerable<string> ids, TrustPolicy policy)
    {
        var problems = new List<string>();
        foreach (var node in nodes)
        {
            foreach (var id in ids)
            {
                try
                {
                    var (answer, _) = await Eventually.UntilAsync(() => federation.Client(node).VerifyAsync(id),
                        r => r.Status == VerificationStatus.Valid && BundleVerifier.Verify(r.Proof, policy, DateTimeOffset.UtcNow).IsValid, Patience);
                    var offline = BundleVerifier.Verify(answer.Proof, policy, DateTimeOffset.UtcNow);
                    if (answer.Status != VerificationStatus.Valid || !offline.IsValid)
                    {
                        problems.Add($"{id} on {node}: {answer.Status} {answer.Detail}; offline {offline.Failure} {offline.Detail}");
                    }
                }
                catch (RpcException ex)
                {
                    problems.Add($"{id} on {node}: {ex.StatusCode} {ex.Status.Detail}");
                }
            }
        }
        return problems;
    }
}

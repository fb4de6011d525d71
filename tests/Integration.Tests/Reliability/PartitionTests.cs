using Regional.Integration.Tests.Support;
using Regional.V1;

namespace Regional.Integration.Tests.Reliability;

/// <summary>
/// Three real nodes that reach each other only through fault-injecting proxies, one per directed link.
/// A partition between bj and tj (both still reach he) under issuance everywhere heals into the same logs
/// on every node with nothing acknowledged lost and no alarm; a slow he slows neither bj nor tj.
/// </summary>
public class PartitionTests
{
    private static readonly string[] Regions = ["bj", "tj", "he"];
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private ProxiedFederation? _federation;

    [TearDown]
    public void DumpLogsOnFailure() => NodeLogs.DumpOnFailure(_federation?.Federation, Regions);

    [TestCase(CutMode.Refuse, true)]
    [TestCase(CutMode.BlackHole, false)]
    public async Task CutBjFromTj_UnderIssuanceEverywhere_AfterHealAllMirrorsConvergeNothingLostNoAlarm(CutMode mode, bool resetHeld)
    {
        await using var federation = _federation = await ProxiedFederation.StartAsync();
        using var stop = new CancellationTokenSource();
        var issuing = Regions.ToDictionary(r => r, r => IssueAsync(federation.Client(r), stop.Token));
        var (bj, tj, he) = (federation.Client("bj"), federation.Client("tj"), federation.Client("he"));
        await Eventually.UntilAsync(() => tj.MirrorAsync("bj"), m => m.Height >= 5, Patience);

        foreach (var link in federation.Between("bj", "tj"))
        {
            link.Cut(mode);
        }
        var heAtCut = await he.MirrorAsync("bj");
        await Task.Delay(TimeSpan.FromSeconds(4));
        var (bjAtHeal, tjAtHeal, heOfBj) = (await bj.StatusAsync(), await tj.StatusAsync(), await he.MirrorAsync("bj"));
        foreach (var link in federation.Between("bj", "tj"))
        {
            link.Heal(resetHeld);
        }
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        var issued = new Dictionary<string, CallLoopResult<IssueLicenseResponse>>();
        foreach (var (region, task) in issuing)
        {
            issued[region] = await task;
        }
        var (statuses, elapsed) = await Eventually.UntilAsync(() => StatusesAsync(federation), s => Problems(s).Count == 0, Patience);
        TestContext.Out.WriteLine($"{mode}: bj height {bjAtHeal.OwnLog.Height} at the heal, tj's mirror of it {tjAtHeal.Mirrors.Single(m => m.Region == "bj").Height}; " +
            $"converged {elapsed.TotalSeconds:F1} s after the last issue; issued {string.Join(", ", issued.Select(i => $"{i.Key} {i.Value.Answers.Count}"))}; " +
            $"refused or held by the bj-tj proxies {federation.Between("bj", "tj").Sum(l => l.Refused)}");

        Assert.Multiple(() =>
        {
            Assert.That(bjAtHeal.OwnLog.Height - tjAtHeal.Mirrors.Single(m => m.Region == "bj").Height, Is.GreaterThanOrEqualTo(5), "the cut left tj's mirror of bj blocks behind");
            Assert.That(tjAtHeal.OwnLog.Height - bjAtHeal.Mirrors.Single(m => m.Region == "tj").Height, Is.GreaterThanOrEqualTo(5), "the cut left bj's mirror of tj blocks behind");
            Assert.That(heOfBj.TreeSize, Is.GreaterThan(heAtCut.TreeSize), "he kept following bj during the cut");
            Assert.That(issued.Values.SelectMany(r => r.Failures), Is.Empty, "issuance failed somewhere");
            Assert.That(Problems(statuses), Is.Empty, $"mirrors did not converge within {elapsed.TotalSeconds:F0} s of the heal");
            Assert.That(statuses.Values.SelectMany(s => s.Alarms).Select(a => $"{a.Kind} {a.Region}: {a.Detail}"), Is.Empty, "a partition is no alarm");
        });
        var ids = issued.Values.SelectMany(r => r.Answers).Select(a => a.LicenseId).ToList();
        Assert.That(ids, Has.Count.GreaterThan(100), "the load was too light to prove anything");
        Assert.That(await NotValidAsync(federation, ids), Is.Empty, "acknowledged licences that do not verify after the heal");
    }

    [Test]
    public async Task SlowLinksToAndFromHe_IssueInBjVerifyInTj_CallsSucceedInTimeAndBjTjMirrorsKeepUp()
    {
        await using var federation = _federation = await ProxiedFederation.StartAsync();
        var (bj, tj) = (federation.Client("bj"), federation.Client("tj"));
        var first = await bj.IssueAsync();
        await Eventually.UntilAsync(() => tj.VerifyAsync(first.LicenseId), r => r.Status == VerificationStatus.Valid, Patience);

        foreach (var link in federation.LinksOf("he"))
        {
            link.Delay(TimeSpan.FromSeconds(3));
        }
        using var window = new CancellationTokenSource(TimeSpan.FromSeconds(8));
        var bjIssues = CallLoop.RunAsync(2, Deadline, d => bj.Licenses.IssueLicenseAsync(bj.BusinessLicence(), deadline: d).ResponseAsync, window.Token);
        var tjIssues = CallLoop.RunAsync(1, Deadline, d => tj.Licenses.IssueLicenseAsync(tj.BusinessLicence(), deadline: d).ResponseAsync, window.Token);
        var tjVerifies = CallLoop.RunAsync(2, Deadline, d => tj.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = first.LicenseId }, deadline: d).ResponseAsync, window.Token);
        var (issuedBj, issuedTj, verified) = (await bjIssues, await tjIssues, await tjVerifies);
        var (bjOwn, tjOwn) = ((await bj.StatusAsync()).OwnLog, (await tj.StatusAsync()).OwnLog);
        var (tjOfBj, _) = await Eventually.UntilAsync(() => tj.MirrorAsync("bj"), m => m.TreeSize >= bjOwn.TreeSize, Patience);
        var (bjOfTj, _) = await Eventually.UntilAsync(() => bj.MirrorAsync("tj"), m => m.TreeSize >= tjOwn.TreeSize, Patience);
        TestContext.Out.WriteLine($"in 8 s with he slow: {issuedBj.Answers.Count} issued in bj, {issuedTj.Answers.Count} in tj, {verified.Answers.Count} verified in tj; " +
            $"bj at {bjOwn.TreeSize}, he's mirror of it at {(await federation.Client("he").MirrorAsync("bj")).TreeSize}");

        Assert.Multiple(() =>
        {
            Assert.That(issuedBj.Failures.Concat(issuedTj.Failures).Concat(verified.Failures), Is.Empty, $"calls that missed their {Deadline.TotalSeconds} s deadline or failed");
            Assert.That(issuedBj.Answers, Has.Count.GreaterThanOrEqualTo(10), "licences issued in bj in 8 s while he was slow");
            Assert.That(verified.Answers.Where(a => a.Status == VerificationStatus.Valid).Count(), Is.GreaterThanOrEqualTo(10), "VALID answers in tj in 8 s");
            Assert.That(tjOfBj.TreeSize, Is.GreaterThanOrEqualTo(bjOwn.TreeSize), "tj's mirror of bj kept up while he was slow");
            Assert.That(bjOfTj.TreeSize, Is.GreaterThanOrEqualTo(tjOwn.TreeSize), "bj's mirror of tj kept up while he was slow");
            Assert.That(federation.LinksOf("he").Sum(l => l.BytesToTarget), Is.GreaterThan(0), "the slow links were in use");
        });
    }

    private static Task<CallLoopResult<IssueLicenseResponse>> IssueAsync(NodeClient node, CancellationToken stop) =>
        CallLoop.RunAsync(2, TimeSpan.FromSeconds(30), d => node.Licenses.IssueLicenseAsync(node.BusinessLicence(), deadline: d).ResponseAsync, stop);

    internal static async Task<Dictionary<string, GetLedgerStatusResponse>> StatusesAsync(ProxiedFederation federation, IEnumerable<string>? regions = null)
    {
        var statuses = new Dictionary<string, GetLedgerStatusResponse>();
        foreach (var region in regions ?? Regions)
        {
            statuses[region] = await federation.Client(region).StatusAsync();
        }
        return statuses;
    }

    /// <summary>Where a mirror differs from the issuer's own log (size, root or state); empty when all agree.</summary>
    internal static List<string> Problems(Dictionary<string, GetLedgerStatusResponse> statuses)
    {
        var problems = new List<string>();
        foreach (var (region, status) in statuses)
        {
            var own = status.OwnLog;
            foreach (var mirror in statuses.Where(s => s.Key != region).Select(s => (Node: s.Key, Log: s.Value.Mirrors.Single(m => m.Region == region))))
            {
                if (mirror.Log.TreeSize != own.TreeSize || mirror.Log.Checkpoint?.RootHash != own.Checkpoint?.RootHash || mirror.Log.State != "following")
                {
                    problems.Add($"{mirror.Node}'s mirror of {region}: size {mirror.Log.TreeSize} ({mirror.Log.State}), own log {own.TreeSize}; roots {(mirror.Log.Checkpoint?.RootHash == own.Checkpoint?.RootHash ? "equal" : "differ")}");
                }
            }
        }
        return problems;
    }

    private static async Task<List<string>> NotValidAsync(ProxiedFederation federation, List<string> ids)
    {
        var problems = new List<string>();
        var checks = Regions.SelectMany(node => ids.Select(id => (Node: federation.Client(node), Id: id)));
        await Parallel.ForEachAsync(checks, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (check, _) =>
        {
            var answer = await check.Node.VerifyAsync(check.Id);
            if (answer.Status != VerificationStatus.Valid)
            {
                lock (problems)
                {
                    problems.Add($"{check.Id} on {check.Node.Region}: {answer.Status} {answer.Detail}");
                }
            }
        });
        return problems;
    }
}

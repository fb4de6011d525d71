using Grpc.Core;
using Microsoft.Data.Sqlite;
using Regional.Integration.Tests.Support;
using Regional.LicenseVerifier.Bundles;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Integration.Tests.Reliability;

/// <summary>
/// bj loses its disk. An online backup taken while bj issued, holding no private key, is restored with the
/// keys from the operator's key store (checked against the backup's signed manifest); bj refuses to start on it until
/// `recover` brought the tail of its log back from tj's mirror; then every acknowledged licence is in bj's
/// log again at the same size and root as the peers' mirrors, nobody raised an equivocation alarm, the
/// licences in the backup download with their content and the recovered ones answer DATA_LOSS CONTENT_NOT_HELD.
/// </summary>
[NonParallelizable]
public partial class BackupRestoreTests
{
    private const int BeforeBackup = 30;
    private const int AfterBackup = 30;
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Test]
    [CancelAfter(240_000)]
    public async Task RestoreOldBackup_RecoverFromTj_EveryAcknowledgedLicenceBackAndNoFork()
    {
        // Arrange: licences before, during and after an online backup; the mirrors hold them all.
        await using var federation = await TestFederation.StartAsync(witnessQuorum: 1);
        var bj = federation["bj"];
        var backup = Path.Combine(federation.Folder, "backup-bj");
        var before = await IssueAsync(new NodeClient(bj.Channel, "bj"), BeforeBackup);
        using var stopIssuing = new CancellationTokenSource();
        var issuingDuring = IssueUntilAsync(new NodeClient(bj.Channel, "bj"), stopIssuing.Token);
        var backedUp = await NodeCommand.RunAsync("backup", "--data", bj.DataDirectory, "--to", backup);
        await stopIssuing.CancelAsync();
        var during = await issuingDuring;
        Assert.That(backedUp.ExitCode, Is.EqualTo(0), backedUp.ToString());
        Assert.That(Directory.GetFiles(backup, "*.key", SearchOption.AllDirectories), Is.Empty, "a backup without --include-keys holds no key file");
        var after = await IssueAsync(new NodeClient(bj.Channel, "bj"), AfterBackup);
        var lost = (await new NodeClient(bj.Channel, "bj").StatusAsync()).OwnLog;
        await MirrorsReachAsync(federation, lost.TreeSize);

        // Act 1: the disk is lost; restore the backup with the keys from the key store (kept apart since the
        // region was set up). A start refuses the restored folder until recover ran.
        await bj.StopAsync();
        SqliteConnection.ClearAllPools();
        var keyStore = KeepKeysApart(bj.DataDirectory, Path.Combine(federation.Folder, "keystore-bj"));
        Directory.Delete(bj.DataDirectory, recursive: true);
        var restored = await NodeCommand.RunAsync("restore", "--from", backup, "--data", bj.DataDirectory, "--keys", keyStore, "--trust", federation.TrustFilePath);
        Assert.That(restored.ExitCode, Is.EqualTo(0), restored.ToString());
        Assert.That(restored.Output, Does.Contain("manifest signature verified with").And.Contain("region bj's log key in the trust file"));
        var refused = Assert.CatchAsync(bj.StartAsync);
        Assert.That(refused!.Message, Does.Contain("recover"));

        // Act 2: a careless operator deletes the mark and starts anyway: peers hold more, bj reads but never seals.
        File.Delete(Path.Combine(bj.DataDirectory, "RESTORED-FROM-BACKUP.json"));
        await bj.StartAsync();
        var behind = Assert.ThrowsAsync<RpcException>(new NodeClient(bj.Channel, "bj").IssueAsync);
        Assert.That(behind!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition), behind.Status.Detail);
        Assert.That(behind.Status.Detail, Does.Contain("recover"));
        await bj.StopAsync();
        SqliteConnection.ClearAllPools();

        // Act 3: recover the tail from tj's mirror, start.
        var recovered = await NodeCommand.RunAsync("recover", "--data", bj.DataDirectory, "--from", "tj", "--trust", federation.TrustFilePath,
            "--cert", Path.Combine(bj.DataDirectory, "federation.crt"), "--key", Path.Combine(bj.DataDirectory, "federation.key"));
        Assert.That(recovered.ExitCode, Is.EqualTo(0), recovered.ToString());
        TestContext.Out.WriteLine($"{backedUp.Output}{restored.Output}{recovered.Output}licences: {before.Count} before the backup, {during.Count} during, {after.Count} after");
        await bj.StartAsync();
        var client = new NodeClient(bj.Channel, "bj");

        // Assert: the same log as before the loss, as the mirrors hold it.
        var own = (await client.StatusAsync()).OwnLog;
        Assert.That(own.TreeSize, Is.EqualTo(lost.TreeSize));
        Assert.That(own.Checkpoint.RootHash, Is.EqualTo(lost.Checkpoint.RootHash));
        var tjMirror = await new NodeClient(federation["tj"].Channel, "tj").MirrorAsync("bj");
        Assert.That((tjMirror.TreeSize, tjMirror.Checkpoint.RootHash), Is.EqualTo((own.TreeSize, own.Checkpoint.RootHash)));
        var policy = RelyingParty.PolicyFromTrustFile(federation.TrustFilePath, quorum: 0);
        foreach (var id in before.Concat(during).Concat(after))
        {
            var answer = await client.VerifyAsync(id);
            Assert.That(answer.Status, Is.EqualTo(VerificationStatus.Valid), $"{id}: {answer.Detail}");
            var proof = BundleVerifier.Verify(answer.Proof, policy, DateTimeOffset.UtcNow);
            Assert.That(proof.IsValid, Is.True, $"{id}: {proof.Failure} {proof.Detail}");
        }
        foreach (var region in new[] { "tj", "he" })
        {
            var peer = new NodeClient(federation[region].Channel, region);
            foreach (var id in after)
            {
                Assert.That((await peer.VerifyAsync(id)).Status, Is.EqualTo(VerificationStatus.Valid), $"{region}: {id}");
            }
        }
        await AssertDocumentsAsync(client, held: before, digestsOnly: after);
        Assert.That(before.Concat(during).Concat(after), Does.Not.Contain(await AssertTheLogGoesOnAsync(federation, client)));
    }

    /// <summary>The licences a backup held download with their content; those recovered from a mirror answer
    /// DATA_LOSS CONTENT_NOT_HELD.</summary>
    private static async Task AssertDocumentsAsync(NodeClient client, IEnumerable<string> held, IEnumerable<string> digestsOnly)
    {
        foreach (var id in held)
        {
            var download = await client.Licenses.DownloadLicenseAsync(new DownloadLicenseRequest { LicenseId = id });
            Assert.That(download.Document.Fields, Has.Count.EqualTo(6), id);
        }
        foreach (var id in digestsOnly)
        {
            var gone = Assert.ThrowsAsync<RpcException>(async () => await client.Licenses.DownloadLicenseAsync(new DownloadLicenseRequest { LicenseId = id }));
            Assert.That(gone!.StatusCode, Is.EqualTo(StatusCode.DataLoss), id);
            Assert.That(gone.Status.Detail, Does.Contain("not held"), id);
        }
    }

    /// <summary>The log goes on after the last witnessed height: a new licence reaches the mirrors, no alarm anywhere.
    /// Returns its id.</summary>
    private static async Task<string> AssertTheLogGoesOnAsync(TestFederation federation, NodeClient client)
    {
        var next = await client.IssueAsync();
        await MirrorsReachAsync(federation, next.Receipt.LeafIndex + 1);
        foreach (var region in new[] { "bj", "tj", "he" })
        {
            var status = await new NodeClient(federation[region].Channel, region).StatusAsync();
            Assert.That(status.Alarms, Is.Empty, $"{region}: {string.Join("; ", status.Alarms.Select(a => a.Detail))}");
        }
        return next.LicenseId;
    }

    /// <summary>The operator's key store: every key file of the data folder, laid out as in it.</summary>
    private static string KeepKeysApart(string dataDirectory, string store)
    {
        foreach (var key in Directory.GetFiles(dataDirectory, "*.key", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(store, Path.GetRelativePath(dataDirectory, key));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(key, copy);
        }
        return store;
    }

    private static async Task<List<string>> IssueAsync(NodeClient client, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await client.IssueAsync()).LicenseId);
        }
        return ids;
    }

    /// <summary>Issues until cancelled; returns the acknowledged ids (a call cut off by the cancellation is not one).</summary>
    private static async Task<List<string>> IssueUntilAsync(NodeClient client, CancellationToken stop)
    {
        var ids = new List<string>();
        while (!stop.IsCancellationRequested)
        {
            ids.Add((await client.IssueAsync()).LicenseId);
        }
        return ids;
    }

    private static async Task MirrorsReachAsync(TestFederation federation, ulong treeSize)
    {
        foreach (var region in new[] { "tj", "he" })
        {
            var (mirror, _) = await Eventually.UntilAsync(() => new NodeClient(federation[region].Channel, region).MirrorAsync("bj"), m => m.TreeSize >= treeSize, Within);
            Assert.That(mirror.TreeSize, Is.GreaterThanOrEqualTo(treeSize), $"{region}'s mirror of bj: {mirror.State}");
        }
    }
}

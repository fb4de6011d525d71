using System.Runtime.Versioning;
using Microsoft.Data.Sqlite;
using Regional.LicenseVerifier.Bundles;
using Regional.Node.Operations;
using Regional.Node.Tests.Licenses;
using Regional.Node.Tests.Support;
using Regional.V1;
using Regional.Node.Storage;

namespace Regional.Node.Tests.Operations;

/// <summary>A running node's backup without keys, restored onto a new disk: without its keys the node
/// refuses to start; with them from the operator's key store (restore --keys) it verifies its licences,
/// finds them by holder and answers a retried request as before.</summary>
[Platform(Exclude = "Win")]
[UnsupportedOSPlatform("windows")]
public class KeylessRestoreNodeTests
{
    [Test]
    public async Task RestoreKeylessBackup_WithKeysFromTheKeyStore_NodeVerifiesAndFindsItsLicences()
    {
        // Arrange: a node issues a licence (with a request id); an online backup without keys; the keys kept apart.
        var options = new TestNodeOptions();
        await using var lost = await TestNode.StartAsync(options);
        var request = LicenseClient.BusinessLicence(holder: "91110105MA0BACKUP1", name: "备份公司");
        request.RequestId = "keyless-restore-1";
        var issued = await new LicenseClient(lost.Channel).IssueAsync(request);
        var backup = lost.DataDirectory + ".backup";
        var store = lost.DataDirectory + ".keystore";
        var (manifest, problem) = BackupCommand.Run(lost.DataDirectory, backup, DateTimeOffset.UtcNow);
        Assert.That(problem, Is.Null);
        foreach (var key in manifest!.Keys)
        {
            DataFolder.CopyOwnerOnly(Path.Combine(lost.DataDirectory, key.Path), Path.Combine(store, key.Path));
        }
        await lost.StopAsync();
        SqliteConnection.ClearAllPools();
        await using var node = TestNode.Create(options);
        try
        {
            // Act 1: restored without keys, the node refuses to start.
            var (bare, _) = RestoreCommand.Run(backup, node.DataDirectory, new RestoreOptions(), DateTimeOffset.UtcNow);
            Assert.That(bare!.KeysToPutBack.Select(k => k.Path), Does.Contain("keys/data.key").And.Contain("keys/signing.key"));
            var refused = Assert.CatchAsync(node.StartAsync);
            Assert.That(refused!.Message, Does.Contain("missing"));

            // Act 2: restored again with the keys from the key store, it starts.
            var (restored, problems) = RestoreCommand.Run(backup, node.DataDirectory, new RestoreOptions(Force: true, KeyStore: store), DateTimeOffset.UtcNow);
            Assert.That(problems, Is.Empty);
            Assert.That(restored!.KeysToPutBack, Is.Empty);
            await node.StartAsync();

            // Assert: the licence verifies under the same log key, the keyed holder index and request fingerprint match.
            var client = new LicenseClient(node.Channel);
            var verified = await client.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = issued.LicenseId });
            Assert.That(verified.Status, Is.EqualTo(VerificationStatus.Valid));
            Assert.That(BundleVerifier.Verify(verified.Proof, await client.TrustPolicyAsync(), node.Clock.GetUtcNow()).IsValid, Is.True);
            var found = await client.Licenses.QueryLicensesAsync(new QueryLicensesRequest { HolderId = request.HolderId });
            Assert.That(found.Licenses.Select(l => l.LicenseId), Is.EqualTo(new[] { issued.LicenseId }));
            Assert.That((await client.IssueAsync(request)).LicenseId, Is.EqualTo(issued.LicenseId));
        }
        finally
        {
            foreach (var folder in new[] { backup, store }.Concat(Directory.GetDirectories(Path.GetDirectoryName(node.DataDirectory)!, Path.GetFileName(node.DataDirectory) + ".*")))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}

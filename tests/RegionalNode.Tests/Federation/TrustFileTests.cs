using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Trust;
using Regional.Node.Tests.Support;
using Regional.Provisioning;

namespace Regional.Node.Tests.Federation;

/// <summary>A node refuses to start on a trust file that does not list its own keys, and says what is
/// wrong. The file's own consistency rules are LicenseVerifier's (FederationTrustTests).</summary>
public class TrustFileTests
{
    [Test]
    public async Task Start_TrustFileWithoutThisNodesKey_RefusesToStart()
    {
        // Arrange: a consistent file whose keys were made in another folder than the node's.
        var folder = Path.Combine(Path.GetTempPath(), "regional-tests", $"trust-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "trust.json");
        string[] regions = ["bj", "tj", "he"];
        var file = new TrustFile
        {
            Suite = "gm",
            WitnessQuorum = 1,
            Regions = [.. regions.Select((r, i) => RegionSetup.Ensure(r, r, $"https://127.0.0.1:{7101 + i}", Path.Combine(folder, r), Suite.Gm))],
        };
        await File.WriteAllTextAsync(path, file.ToJson());
        var node = TestNode.Create(new TestNodeOptions { Region = "bj", Settings = { ["Federation:TrustFile"] = path } });
        try
        {
            // Act
            var error = Assert.CatchAsync<Exception>(node.StartAsync);

            // Assert
            Assert.That(error!.ToString(), Does.Contain("does not match this node").And.Contain("logKeys"));
        }
        finally
        {
            await node.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}

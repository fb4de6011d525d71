using Microsoft.Data.Sqlite;
using Regional.Node.Tests.Licenses;
using Regional.Node.Tests.Support;

namespace Regional.Node.Tests.Hosting;

/// <summary>A node whose log and documents already exist never makes a new data key or signing key in
/// place of a lost one (a restore without its keys): it refuses to start and says which key to put back.</summary>
public class LostKeyStartupTests
{
    [TestCase("keys/data.key", "data key")]
    [TestCase("keys/signing.key", "signing key")]
    public async Task Start_WrittenNodeWithoutItsKey_RefusedNamingItAndNoKeyMade(string keyFile, string named)
    {
        // Arrange: a node that issued a licence, stopped, and lost one key file.
        await using var node = await TestNode.StartAsync(new TestNodeOptions());
        await new LicenseClient(node.Channel).IssueAsync();
        await node.StopAsync();
        SqliteConnection.ClearAllPools();
        var path = Path.Combine(node.DataDirectory, keyFile);
        File.Delete(path);

        // Act
        var refused = Assert.CatchAsync(node.StartAsync);

        // Assert
        Assert.That(refused!.Message, Does.Contain($"{named} {path}: missing").And.Contain("restore --keys"));
        Assert.That(File.Exists(path), Is.False);
    }
}

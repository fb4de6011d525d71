using Regional.Cli.Tests.Support;

namespace Regional.Cli.Tests.Commands;

/// <summary>The directory chain through the real commands and a real cluster: Tianjin's civil-affairs clerk applies
/// (at tj, relayed to bj) for Beijing's real-estate certificate; Beijing's natural-resources issuer approves it
/// narrower, `catalog show` lists it, another department cannot decide it, and the owner revokes it.</summary>
[TestFixture]
public sealed class DirectoryCommandTests : ClusterFixture
{
    private const string Type = "real-estate-certificate";

    [Test]
    public async Task Directory_ApplyApproveShowRevoke_EachStepOnTheOwnersLedger()
    {
        // Arrange
        var client = await CliRun.InAsync(Dir, "cluster", "client", "tj-civil-clerk", "--department", "tj-civil-affairs", "--role", "clerk");
        Assert.That(client.Exit, Is.Zero, client.ToString());

        // Act
        var applied = await CliRun.InAsync(Dir, "directory", "apply", Type, "--region", "bj", "--node", "tj", "--as", "tj-civil-clerk", "--fields", "location,area_sqm",
            "--matter", "household-registration", "--matter", "property-transfer", "--reason", "户籍迁入核验", "--until", "90d", "-q");
        var id = applied.Out.Trim();
        var pending = await CliRun.InAsync(Dir, "directory", "list", "--node", "bj", "--type", Type);
        var stranger = await CliRun.InAsync(Dir, "directory", "approve", id, "--node", "bj", "--as", "bj-samr-issuer");
        var approved = await CliRun.InAsync(Dir, "directory", "approve", id, "--node", "bj", "--as", "bj-natural-resources-issuer", "--fields", "location", "--matter", "household-registration", "--until", "30d");
        var shown = await CliRun.InAsync(Dir, "catalog", "show", Type, "--node", "bj");
        var revoked = await CliRun.InAsync(Dir, "directory", "revoke", id, "--node", "bj", "--as", "bj-natural-resources-issuer", "--reason", "协议终止");
        var json = await CliRun.InAsync(Dir, "directory", "list", "--node", "bj", "--state", "revoked", "--json");
        var unconditional = await CliRun.InAsync(Dir, "directory", "apply", "business-licence", "--region", "bj", "--node", "tj", "--as", "tj-civil-clerk",
            "--matter", "household-registration", "--reason", "核验", "--until", "30d");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(applied.Exit, Is.Zero, applied.ToString());
            Assert.That(id, Does.Match("^ap-[0-9a-f]{24}$"));
            Assert.That(pending.Out, Does.Contain(id).And.Contain("tj-civil-affairs").And.Contain("PENDING"), pending.ToString());
            Assert.That(stranger.Exit + " " + stranger.Err, Does.StartWith("4 ").And.Contain("PERMISSION_DENIED").And.Contain("only its issuers decide"), stranger.ToString());
            Assert.That(approved.Out, Does.Contain("APPROVED").And.Contain("location for household-registration"), approved.ToString());
            Assert.That(shown.Out, Does.Contain("approval in force").And.Contain(id), shown.ToString());
            Assert.That(revoked.Out, Does.Contain("REVOKED (协议终止)"), revoked.ToString());
            Assert.That(json.Out, Does.Contain(id).And.Contain("APPLICATION_STATE_REVOKED"), json.ToString());
            Assert.That(unconditional.Exit + " " + unconditional.Err, Does.StartWith("1 ").And.Contain("shared unconditionally"), unconditional.ToString());
        });
    }

    [Test]
    public async Task DirectoryList_UnknownState_UsageError()
    {
        var result = await CliRun.InAsync(Dir, "directory", "list", "--state", "maybe");

        Assert.That(result.Exit + " " + result.Err, Does.StartWith("2 ").And.Contain("PENDING, APPROVED"), result.ToString());
    }
}

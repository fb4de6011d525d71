using Regional.Cli.Tests.Support;

namespace Regional.Cli.Tests.Commands;

/// <summary>Consent and audit usage errors: refused before any node is called, so no cluster is needed.</summary>
[TestFixture]
public sealed class ConsentUsageTests
{
    [TestCase("consent", "grant", "BJ-2026-000001", "--matter", "power-account-transfer", "--expires", "2026-12-31")]
    [TestCase("consent", "grant", "BJ-2026-000001", "--to", "tj-power", "--expires", "2026-12-31")]
    [TestCase("consent", "grant", "BJ-2026-000001", "--to", "tj-power", "--matter", "m", "--expires", "soon")]
    [TestCase("consent", "withdraw")]
    [TestCase("consent", "list")]
    [TestCase("audit")]
    public async Task Command_BadUsage_ExitTwoWithMessageOnStderr(params string[] args)
    {
        // Act
        var result = await CliRun.InAsync(Path.Combine(Path.GetTempPath(), "regional-no-cluster"), args);

        // Assert
        Assert.That(result.Exit, Is.EqualTo(2), result.ToString());
        Assert.That(result.Err, Does.StartWith("regional: "));
        Assert.That(result.Out, Is.Empty);
    }
}

using Regional.Cli.Tests.Support;

namespace Regional.Cli.Tests.Commands;

/// <summary>A clerk who types the licence type's Chinese name instead of its code.</summary>
public sealed partial class ClusterCommandTests
{
    [Test]
    public async Task LicenseIssue_UnknownTypeCode_UsageErrorPointingToTheCatalog()
    {
        // Act
        var result = await CliRun.InAsync(Dir, "license", "issue", "--type", "营业执照", "--holder", "91110105MA01ABCD2X", "--field", "company_name=示例科技有限公司");

        // Assert
        Assert.That(result.Exit, Is.EqualTo(2), result.ToString());
        Assert.That(result.Err, Does.Contain("no licence type '营业执照'").And.Contain("regional catalog list"));
    }
}

using System.Text.Json;
using Google.Protobuf;
using Regional.Cli.Tests.Support;
using Regional.V1;

namespace Regional.Cli.Tests.Commands;

/// <summary>The real commands against one real three-node cluster started by `regional cluster up`.</summary>
[TestFixture]
public sealed partial class ClusterCommandTests : ClusterFixture
{
    [Test]
    public async Task LicenseVerify_IssuedInBeijing_ValidInTianjin()
    {
        // Arrange
        var id = await IssueAsync();

        // Act
        var result = await Eventually.UntilAsync(() => CliRun.InAsync(Dir, "license", "verify", id, "--node", "tj"), r => r.Exit == 0);

        // Assert
        Assert.That(result.Exit, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("VALID").And.Contain("营业执照 Business licence"));
    }

    [Test]
    public async Task LicenseVerify_RevokedInBeijing_RevokedInHebeiWithExitOne()
    {
        // Arrange
        var id = await IssueAsync();
        var revoke = await CliRun.InAsync(Dir, "license", "revoke", id, "--reason", "compliance");

        // Act
        var result = await Eventually.UntilAsync(() => CliRun.InAsync(Dir, "license", "verify", id, "--node", "he"), r => r.Out.Contains("REVOKED", StringComparison.Ordinal));

        // Assert
        Assert.That(revoke.Exit, Is.Zero, revoke.ToString());
        Assert.That(result.Exit, Is.EqualTo(1), result.ToString());
        Assert.That(result.Out, Does.Contain("REVOKED"));
    }

    [Test]
    public async Task ClusterClient_NewClerkCertificate_UsableWithAs()
    {
        // Arrange
        var id = await IssueAsync();

        // Act
        var issued = await CliRun.InAsync(Dir, "cluster", "client", "tj-archive-clerk", "--department", "tj-archive", "--role", "clerk", "--subject", "王五 窗口 7");
        var verified = await Eventually.UntilAsync(() => CliRun.InAsync(Dir, "license", "verify", id, "--node", "tj", "--as", "tj-archive-clerk"), r => r.Exit == 0);
        var again = await CliRun.InAsync(Dir, "cluster", "client", "tj-archive-clerk", "--department", "tj-archive", "--role", "clerk");
        var badRole = await CliRun.InAsync(Dir, "cluster", "client", "tj-boss", "--department", "tj-archive", "--role", "boss");

        // Assert
        Assert.That(issued.Exit, Is.Zero, issued.ToString());
        Assert.That(issued.Out, Does.Contain("urn:regional:client:tj:tj-archive:clerk"));
        Assert.That(verified.Exit, Is.Zero, verified.ToString());
        Assert.That((again.Exit, badRole.Exit), Is.EqualTo((2, 2)));
        Assert.That(badRole.Err, Does.Contain("--role"));
    }

    [Test]
    public async Task BundleVerify_DownloadedLicence_PassesOfflineChecks()
    {
        // Arrange
        var id = await IssueAsync();
        var file = Path.Combine(Dir, $"{id}.json");
        var download = await CliRun.InAsync(Dir, "license", "download", id, "-o", file);

        // Act
        var result = await CliRun.InAsync(Dir, "bundle", "verify", file);

        // Assert: under the trust file's own witness quorum (1), with no override.
        Assert.That(download.Exit, Is.Zero, download.ToString());
        Assert.That(JsonParser.Default.Parse<DownloadLicenseResponse>(File.ReadAllText(file)).Document.LicenseId, Is.EqualTo(id));
        Assert.That(result.Exit, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("issuer signature of bj").And.Contain("witness cosignatures (quorum 1)").And.Contain("licence entry included").And.Contain("6 disclosed fields match"));
    }

    [Test]
    public async Task BundleVerify_TamperedField_FailsWithExitOne()
    {
        // Arrange
        var id = await IssueAsync();
        var file = Path.Combine(Dir, $"{id}-tampered.json");
        await CliRun.InAsync(Dir, "license", "download", id, "-o", file);
        File.WriteAllText(file, File.ReadAllText(file).Replace("张三", "李四", StringComparison.Ordinal));

        // Act
        var result = await CliRun.InAsync(Dir, "bundle", "verify", file);

        // Assert
        Assert.That(result.Exit, Is.EqualTo(1), result.ToString());
        Assert.That(result.Out, Does.Contain("MISMATCH"));
    }

    [Test]
    public async Task BundleRefresh_AfterRevocation_FileSaysRevokedAndKeepsItsDocument()
    {
        // Arrange
        var id = await IssueAsync();
        var file = Path.Combine(Dir, $"{id}-refresh.json");
        await CliRun.InAsync(Dir, "license", "download", id, "-o", file);
        var before = JsonParser.Default.Parse<DownloadLicenseResponse>(File.ReadAllText(file));
        await CliRun.InAsync(Dir, "license", "revoke", id, "--reason", "compliance");

        // Act: tj's mirror, once it holds the revocation under a cosigned checkpoint.
        var refreshed = await Eventually.UntilAsync(() => CliRun.InAsync(Dir, "bundle", "refresh", file, "--node", "tj"), r => r.Out.Contains("REVOKED", StringComparison.Ordinal));
        var verified = await CliRun.InAsync(Dir, "bundle", "verify", file);

        // Assert
        var after = JsonParser.Default.Parse<DownloadLicenseResponse>(File.ReadAllText(file));
        Assert.That(refreshed.Exit, Is.Zero, refreshed.ToString());
        Assert.That(verified.Exit, Is.EqualTo(1), verified.ToString());
        Assert.That(verified.Out, Does.Contain($"{id}: REVOKED as of"));
        Assert.That(after.Document, Is.EqualTo(before.Document), "the document, its salts and fields are untouched");
        Assert.That(after.Proof.Entry, Is.EqualTo(before.Proof.Entry));
        Assert.That(after.Proof.TreeSize, Is.GreaterThan(before.Proof.TreeSize));
    }

    [Test]
    public async Task BundleVerify_MaxAgeNotADuration_UsageErrorExitTwo()
    {
        // Arrange
        var id = await IssueAsync();
        var file = Path.Combine(Dir, $"{id}-age.json");
        await CliRun.InAsync(Dir, "license", "download", id, "-o", file);

        // Act
        var result = await CliRun.InAsync(Dir, "bundle", "verify", file, "--max-age", "2 hours");
        var stale = await Eventually.UntilAsync(() => CliRun.InAsync(Dir, "bundle", "verify", file, "--max-age", "1s"), r => r.Out.Contains("STALE", StringComparison.Ordinal));

        // Assert
        Assert.That(result.Exit, Is.EqualTo(2), result.ToString());
        Assert.That(result.Err, Does.Contain("--max-age"));
        Assert.That(stale.Exit, Is.EqualTo(1), stale.ToString());
        Assert.That(stale.Out, Does.Contain("older than the 1s allowed").And.Contain("regional bundle refresh"));
    }

    [Test]
    public async Task LedgerStatus_Json_ParsesAsLedgerStatusWithTwoMirrors()
    {
        // Act
        var result = await CliRun.InAsync(Dir, "ledger", "status", "--node", "tj", "--json");

        // Assert
        Assert.That(result.Exit, Is.Zero, result.ToString());
        var status = JsonParser.Default.Parse<GetLedgerStatusResponse>(result.Out);
        Assert.That(status.Region, Is.EqualTo("tj"));
        Assert.That(status.Mirrors.Select(m => m.Region), Is.EquivalentTo(new[] { "bj", "he" }));
    }

    [Test]
    public async Task LicenseImport_OneBadRow_ReportsItsLineAndImportsTheOthers()
    {
        // Arrange
        var file = Path.Combine(Dir, "import.csv");
        var rows = Enumerable.Range(1, 40).Select(i => Row(i, i == 7 ? "" : "有限责任公司"));
        File.WriteAllLines(file, ["license_type,holder_id,company_name,credit_code,company_type,legal_representative,established_on,address", .. rows]);

        // Act
        var result = await CliRun.InAsync(Dir, "license", "import", file, "--json");

        // Assert
        Assert.That(result.Exit, Is.EqualTo(1), result.ToString());
        using var summary = JsonDocument.Parse(result.Out);
        Assert.That(summary.RootElement.GetProperty("imported").GetInt32(), Is.EqualTo(39));
        var error = summary.RootElement.GetProperty("errors").EnumerateArray().Single();
        Assert.That(error.GetProperty("line").GetInt32(), Is.EqualTo(8));
        Assert.That(error.GetProperty("error").GetString(), Does.Contain("company_type"));
    }

    [Test]
    public async Task LicenseVerify_UnknownLicence_NotFoundWithExitOne()
    {
        // Act
        var result = await CliRun.InAsync(Dir, "license", "verify", "BJ-2026-999999", "--node", "tj");

        // Assert
        Assert.That(result.Exit, Is.EqualTo(1), result.ToString());
        Assert.That(result.Out, Does.Contain("NOT_FOUND"));
    }

    [TestCase("license", "verify")]
    [TestCase("license", "revoke", "BJ-2026-000001")]
    [TestCase("license", "verify", "BJ-2026-000001", "--no-such-flag")]
    [TestCase("license", "revoke", "BJ-2026-000001", "--reason", "because")]
    [TestCase("license", "issue", "--type", "business-licence", "--field", "no-equals-sign")]
    [TestCase("license", "verify", "BJ-2026-000001", "--node", "sh")]
    public async Task Command_BadUsage_ExitTwoWithMessageOnStderr(params string[] args)
    {
        // Act
        var result = await CliRun.InAsync(Dir, args);

        // Assert
        Assert.That(result.Exit, Is.EqualTo(2), result.ToString());
        Assert.That(result.Err, Does.StartWith("regional: "));
        Assert.That(result.Out, Is.Empty);
    }

    [Test]
    public async Task LicenseIssue_MissingRequiredFields_ExitTwoWithFieldViolations()
    {
        // Act
        var result = await CliRun.InAsync(Dir, "license", "issue", "--type", "business-licence", "--holder", "x", "--field", "company_name=a");

        // Assert
        Assert.That(result.Exit, Is.EqualTo(2), result.ToString());
        Assert.That(result.Err, Does.Contain("fields: missing required field 'credit_code'"));
        Assert.That(result.Err, Does.Not.Contain("   at "));
    }

    [Test]
    public async Task LicenseVerify_UnreachableNode_ExitThree()
    {
        // Act
        var result = await CliRun.InAsync(Dir, "license", "verify", "BJ-2026-000001", "--node", "https://127.0.0.1:1");

        // Assert
        Assert.That(result.Exit, Is.EqualTo(3), result.ToString());
        Assert.That(result.Err, Does.Contain("unreachable"));
    }

    [Test]
    public async Task LedgerAudit_HealthyCluster_EveryLogOk()
    {
        // Arrange
        await IssueAsync();

        // Act
        var result = await CliRun.InAsync(Dir, "ledger", "audit", "--node", "he");

        // Assert
        Assert.That(result.Exit, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("bj").And.Contain("tj").And.Contain("he"));
    }

    private async Task<string> IssueAsync()
    {
        var result = await CliRun.InAsync(Dir, ["license", "issue", "--type", "business-licence", "--holder", "91110105MA01ABCD2X", .. Fields(), "-q"]);
        Assert.That(result.Exit, Is.Zero, result.ToString());
        return result.Out.Trim();
    }

    private static string[] Fields() =>
    [
        "--field", "company_name=示例科技有限公司", "--field", "credit_code=91110105MA01ABCD2X", "--field", "company_type=有限责任公司",
        "--field", "legal_representative=张三", "--field", "established_on=2020-05-01", "--field", "address=北京市朝阳区示例路1号",
    ];

    private static string Row(int i, string companyType) =>
        $"business-licence,9111010500000{i:D5},\"示例{i}号公司, 北京\",9111010500000{i:D5},{companyType},王五,2021-01-0{1 + i % 9},北京市海淀区{i}号";

}

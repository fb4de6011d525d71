using System.Text.Json;
using Google.Protobuf;
using Regional.Cli.Tests.Support;
using Regional.V1;

namespace Regional.Cli.Tests.Commands;

/// <summary>The Haidian scenario through the real commands and a real cluster: a flat's owner (bj) lets
/// the power company in Tianjin see owner and location for the electricity account transfer.</summary>
[TestFixture]
public sealed class ConsentCommandTests : ClusterFixture
{
    private const string Matter = "power-account-transfer";
    private const string Holder = "110108199001011234";

    [Test]
    public async Task ConsentGrant_NotATerminal_PrintsGrantAndTokenWithoutQrCode()
    {
        // Arrange
        var id = await IssueFlatAsync();

        // Act
        var result = await CliRun.InAsync(Dir, Grant(id));

        // Assert
        Assert.That(result.Exit, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("tj-power").And.Contain(Matter).And.Contain("owner_name, location").And.Contain("single use").And.Contain("token:"));
        Assert.That(result.Out, Does.Not.Contain("▀").And.Not.Contain("▄"));
    }

    [Test]
    public async Task ConsentGrant_OnATerminal_PrintsQrCode()
    {
        // Arrange
        var id = await IssueFlatAsync();

        // Act
        var result = await CliRun.OnTerminalAsync(Dir, Grant(id));

        // Assert
        Assert.That(result.Exit, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("▀").Or.Contain("▄"));
    }

    [Test]
    public async Task ConsentGrantAndList_TerminalWithNoColor_QrCodeAndTableWithoutColour()
    {
        // Arrange
        var id = await IssueFlatAsync();
        var colour = new Dictionary<string, string> { ["TERM"] = "xterm-256color" };
        var noColour = new Dictionary<string, string>(colour) { ["NO_COLOR"] = "1" };
        await CliRun.InAsync(Dir, [.. Grant(id), "-q"]);

        // Act
        var grant = await CliRun.OnTerminalAsync(noColour, Dir, Grant(id));
        var list = await CliRun.OnTerminalAsync(noColour, Dir, "consent", "list", id, "--holder", Holder);
        var coloured = await CliRun.OnTerminalAsync(colour, Dir, "consent", "list", id, "--holder", Holder);

        // Assert
        Assert.That((grant.Exit, list.Exit, coloured.Exit), Is.EqualTo((0, 0, 0)), $"{grant}\n{list}\n{coloured}");
        Assert.That(grant.Out, Does.Contain("▀").Or.Contain("▄"), "the QR code stays under NO_COLOR");
        Assert.That(list.Out.Split('\n').Count(l => l.StartsWith("grant-", StringComparison.Ordinal) || l.Contains("tj-power", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(2), list.Out);
        Assert.That(list.Out, Does.Contain("matter").And.Contain("state"), "the table's header");
        Assert.That(grant.Out + list.Out, Does.Not.Match("\u001b\\[[0-9;]*3[0-9]"), "no colour");
        Assert.That(coloured.Out, Does.Match("\u001b\\[[0-9;]*3[0-9]"), "colour without NO_COLOR");
    }

    [Test]
    public async Task ConsentListAndWithdraw_WithdrawnGrant_ListedWithdrawnAndDownloadRefused()
    {
        // Arrange
        var id = await IssueFlatAsync();
        var grant = await GrantAsync(id);

        // Act
        var withdraw = await CliRun.InAsync(Dir, "consent", "withdraw", grant.GrantId, "--node", "bj", "--holder", Holder);
        var list = await CliRun.InAsync(Dir, "consent", "list", id, "--json", "--holder", Holder);
        var download = await CliRun.InAsync(Dir, Download(id, grant.GrantId, "withdrawn"));

        // Assert
        Assert.That(withdraw.Exit, Is.Zero, withdraw.ToString());
        var state = JsonParser.Default.Parse<ListConsentsResponse>(list.Out).Consents.Single(c => c.Grant.GrantId == grant.GrantId);
        Assert.That(state.Withdrawn, Is.True);
        Assert.That(download.Exit, Is.Not.Zero, download.ToString());
    }

    [Test]
    public async Task LicenseDownload_WithGrantInTianjin_OnlyGrantedFieldsAndBundleVerifies()
    {
        // Arrange
        var id = await IssueFlatAsync();
        var grant = await GrantAsync(id);

        // Act
        var download = await Eventually.UntilAsync(() => CliRun.InAsync(Dir, Download(id, grant.GrantId, "granted")), r => r.Exit == 0);
        var verify = await CliRun.InAsync(Dir, "bundle", "verify", FileFor(id, "granted"));

        // Assert
        Assert.That(download.Exit, Is.Zero, download.ToString());
        var document = JsonParser.Default.Parse<DownloadLicenseResponse>(File.ReadAllText(FileFor(id, "granted"))).Document;
        Assert.That(document.Fields.Select(f => f.Name), Is.EquivalentTo(new[] { "owner_name", "location" }));
        Assert.That(File.ReadAllText(FileFor(id, "granted")), Does.Not.Contain("110108199001011234"));
        Assert.That(verify.Exit, Is.Zero, verify.ToString());
    }

    [Test]
    public async Task Audit_AfterDownloadInTianjin_ShowsTheAccessFromEveryRegion()
    {
        // Arrange
        var id = await IssueFlatAsync();
        var grant = await GrantAsync(id);
        Environment.SetEnvironmentVariable("REGIONAL_PLACE", "天津市电力公司营业厅");
        CliResult download;
        try
        {
            download = await Eventually.UntilAsync(() => CliRun.InAsync(Dir, Download(id, grant.GrantId, "audited")), r => r.Exit == 0);
        }
        finally
        {
            Environment.SetEnvironmentVariable("REGIONAL_PLACE", null);
        }

        // Act
        var table = await Eventually.UntilAsync(() => CliRun.InAsync(Dir, "audit", id, "--node", "bj"), r => r.Out.Contains(Matter, StringComparison.Ordinal));
        var json = await Eventually.UntilAsync(() => CliRun.InAsync(Dir, "audit", id, "--node", "he", "--json"), r => r.Out.Contains(grant.GrantId, StringComparison.Ordinal));

        // Assert
        Assert.That(download.Exit, Is.Zero, download.ToString());
        Assert.That(table.Exit, Is.Zero, table.ToString());
        Assert.That(table.Out, Does.Contain("download").And.Contain("Tianjin power supply clerk").And.Not.Contain("OU=").And.Contain("tj-power").And.Contain(Matter).And.Contain(grant.GrantId).And.Contain("owner_name,location"));
        using var entries = JsonDocument.Parse(json.Out);
        var access = JsonParser.Default.Parse<AccessRecorded>(entries.RootElement.EnumerateArray().Single().GetRawText());
        Assert.That((access.Kind, access.RelyingDepartment, access.RequestingRegion, access.GrantId), Is.EqualTo((AccessKind.Download, "tj-power", "tj", grant.GrantId)));
        Assert.That((access.Place, access.Clerk), Is.EqualTo(("天津市电力公司营业厅", "国网天津市电力公司 Tianjin power supply clerk")));
    }

    [Test]
    public async Task Audit_AsTheHoldersApp_ShowsTheHolderTheAccessAndNobodyElse()
    {
        // Arrange
        var id = await IssueFlatAsync();
        var grant = await GrantAsync(id);
        await Eventually.UntilAsync(() => CliRun.InAsync(Dir, Download(id, grant.GrantId, "holder-view")), r => r.Exit == 0);

        // Act
        var mine = await CliRun.InAsync(Dir, "audit", id, "--as", "bj-holder-app", "--holder", Holder);
        var stranger = await CliRun.InAsync(Dir, "audit", id, "--as", "bj-holder-app", "--holder", "110108199912310000");
        var otherRegionsApp = await CliRun.InAsync(Dir, "audit", id, "--as", "tj-holder-app", "--holder", Holder);

        // Assert
        Assert.That(mine.Exit, Is.Zero, mine.ToString());
        Assert.That(mine.Out, Does.Contain("download").And.Contain("tj-power").And.Contain(Matter).And.Contain(grant.GrantId));
        Assert.That(stranger.Exit, Is.EqualTo(ExitCodes.Denied), stranger.ToString());
        Assert.That(stranger.Err, Does.Contain("PERMISSION_DENIED").And.Contain("not the holder"));
        Assert.That(otherRegionsApp.Exit, Is.EqualTo(ExitCodes.Denied), otherRegionsApp.ToString());
        Assert.That(otherRegionsApp.Err, Does.Contain("only its holders' app"));
    }

    [Test]
    public async Task LicenseVerify_FactCheckUnderGrantInTianjin_MatchesAndIsAudited()
    {
        // Arrange
        var id = await IssueFlatAsync();
        var grant = await GrantAsync(id);

        // Act
        var check = await Eventually.UntilAsync(() => CliRun.InAsync(Dir, "license", "verify", id, "--node", "tj", "--as", "tj-power-clerk",
            "--field", "owner_name=李四", "--grant", grant.GrantId, "--matter", Matter), r => r.Exit == 0);
        var audit = await Eventually.UntilAsync(() => CliRun.InAsync(Dir, "audit", id, "--node", "bj"), r => r.Out.Contains("fact check", StringComparison.Ordinal));

        // Assert
        Assert.That(check.Exit, Is.Zero, check.ToString());
        Assert.That(check.Out, Does.Contain("owner_name: matches"));
        Assert.That(audit.Out, Does.Contain("fact check").And.Contain(grant.GrantId));
    }

    [Test]
    public async Task LicenseDownload_SingleUseGrantTwice_SecondRefusedWithExitFour()
    {
        // Arrange
        var id = await IssueFlatAsync();
        var grant = await GrantAsync(id);
        var first = await Eventually.UntilAsync(() => CliRun.InAsync(Dir, Download(id, grant.GrantId, "first")), r => r.Exit == 0);

        // Act
        var second = await CliRun.InAsync(Dir, Download(id, grant.GrantId, "second"));

        // Assert
        Assert.That(first.Exit, Is.Zero, first.ToString());
        Assert.That(second.Exit, Is.EqualTo(ExitCodes.Denied), second.ToString());
        Assert.That(File.Exists(FileFor(id, "second")), Is.False);
    }

    private static string[] Grant(string id) =>
        ["consent", "grant", id, "--holder", Holder, "--to", "tj-power", "--matter", Matter, "--matter-name", "电力过户", "--fields", "owner_name,location", "--expires", "30d", "--single-use"];

    private string[] Download(string id, string grantId, string tag) =>
        ["license", "download", id, "--node", "tj", "--as", "tj-power-clerk", "--grant", grantId, "--matter", Matter, "-o", FileFor(id, tag)];

    private string FileFor(string id, string tag) => Path.Combine(Dir, $"{id}-{tag}.json");

    private async Task<ConsentGranted> GrantAsync(string id)
    {
        var result = await CliRun.InAsync(Dir, [.. Grant(id), "--json"]);
        Assert.That(result.Exit, Is.Zero, result.ToString());
        return JsonParser.Default.Parse<GrantConsentResponse>(result.Out).Grant;
    }

    private async Task<string> IssueFlatAsync()
    {
        var result = await CliRun.InAsync(Dir, "license", "issue", "--node", "bj", "--as", "bj-natural-resources-issuer", "--type", "real-estate-certificate",
            "--holder", Holder, "--field", "certificate_number=京(2026)海淀区不动产权第0000001号", "--field", "owner_name=李四",
            "--field", "owner_id_number=110108199001011234", "--field", "location=北京市海淀区示例路8号院3号楼2单元501", "--field", "unit_number=110108001001GB00001F00010001",
            "--field", "right_type=国有建设用地使用权/房屋所有权", "--field", "usage=住宅", "--field", "area_sqm=89.5", "-q");
        Assert.That(result.Exit, Is.Zero, result.ToString());
        return result.Out.Trim();
    }

}

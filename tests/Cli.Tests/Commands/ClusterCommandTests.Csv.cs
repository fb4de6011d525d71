using System.Text;
using System.Text.Json;
using Regional.Cli.Tests.Support;

namespace Regional.Cli.Tests.Commands;

/// <summary>`license import` of an office's Excel export: GB18030, quoted cells across lines, ids from content.</summary>
public sealed partial class ClusterCommandTests
{
    private const string CsvHeader = "license_type,holder_id,company_name,credit_code,company_type,legal_representative,established_on,address";

    [Test]
    public async Task LicenseImport_Gb18030WithMultiLineAddress_ImportedAsWritten()
    {
        // Arrange
        var file = Path.Combine(Dir, "办事大厅导出.csv");
        WriteGb18030(file, [CsvHeader, CsvRow(301, "北京市海淀区\r\n中关村大街1号 (东门)"), CsvRow(302, "天津市和平区\"示例\"路2号")]);

        // Act
        var result = await CliRun.InAsync(Dir, "license", "import", file, "--json");
        var ids = Licences(result);
        var download = Path.Combine(Dir, "gb18030-301.json");
        var downloaded = await CliRun.InAsync(Dir, "license", "download", ids[2], "-o", download);

        // Assert
        Assert.That(result.Exit, Is.Zero, result.ToString());
        Assert.That(ids.Keys, Is.EquivalentTo(new[] { 2, 4 }), "each row by the line it starts on");
        Assert.That(downloaded.Exit, Is.Zero, downloaded.ToString());
        using var document = JsonDocument.Parse(File.ReadAllText(download));
        var fields = document.RootElement.GetProperty("document").GetProperty("fields").EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("value").GetString()!);
        Assert.That(fields["address"], Is.EqualTo("北京市海淀区\u2028中关村大街1号 (东门)"), "its line break as U+2028, the rest as written");
        Assert.That(fields["company_name"], Is.EqualTo("示例301号公司, 北京"));
    }

    [Test]
    public async Task LicenseImport_SameRowsReorderedUnderAnotherName_IssuesNothingNew()
    {
        // Arrange
        var rows = Enumerable.Range(401, 6).Select(i => CsvRow(i, $"河北省石家庄市{i}号")).ToList();
        var first = Path.Combine(Dir, "monday.csv");
        var second = Path.Combine(Dir, "monday (2).csv");
        File.WriteAllLines(first, [CsvHeader, .. rows]);
        File.WriteAllLines(second, [CsvHeader, CsvRow(400, "河北省石家庄市400号"), .. Enumerable.Reverse(rows)]);

        // Act
        var before = await CliRun.InAsync(Dir, "license", "import", first, "--json");
        var after = await CliRun.InAsync(Dir, "license", "import", second, "--json");

        // Assert
        Assert.That((before.Exit, after.Exit), Is.EqualTo((0, 0)), $"{before}\n{after}");
        var (old, again) = (Licences(before), Licences(after));
        Assert.That(again.Values.Except(old.Values).Count(), Is.EqualTo(1), "only the inserted row is new");
        Assert.That(again[3], Is.EqualTo(old[7]), "row 406 moved from line 7 to line 3, same licence");
        Assert.That(again.Values.Distinct().Count(), Is.EqualTo(7));
    }

    private static void WriteGb18030(string path, IEnumerable<string> lines)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        File.WriteAllBytes(path, Encoding.GetEncoding("GB18030").GetBytes(string.Join("\r\n", lines) + "\r\n"));
    }

    private static string CsvRow(int i, string address) =>
        $"business-licence,9111010500001{i:D5},\"示例{i}号公司, 北京\",9111010500001{i:D5},有限责任公司,王五,2021-01-0{1 + i % 9},\"{address.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}

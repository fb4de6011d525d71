using System.Text;
using Regional.Cli.Import;

namespace Regional.Cli.Tests.Import;

/// <summary>Import files as offices send them: RFC 4180 CSV in UTF-8 or GB18030, read by Sep.</summary>
[TestFixture]
public sealed class ImportRowsTests
{
    private const string Header = "license_type,holder_id,company_name,address";

    [Test]
    public void Read_MultiLineQuotedCell_OneRowStartingOnItsFirstLineWithTheValueAsWritten()
    {
        // Arrange
        var path = Write("multi.csv", $"{Header}\r\nbusiness-licence,H1,\" 示例 \"\"一\"\" 公司 \",\"北京市海淀区\r\n中关村大街1号\"\r\nbusiness-licence,H2,乙,天津\r\n", Encoding.UTF8);

        // Act
        var rows = ImportRows.Read(path, null);

        // Assert
        Assert.That(rows.Select(r => r.Line), Is.EqualTo(new[] { 2, 4 }));
        var fields = rows[0].Request!.Fields.ToDictionary(f => f.Name, f => f.Value);
        Assert.That(fields["company_name"], Is.EqualTo(" 示例 \"一\" 公司 "), "kept as written: quotes unescaped, nothing trimmed");
        Assert.That(fields["address"], Is.EqualTo("北京市海淀区\u2028中关村大街1号"), "a line break as the node takes it");
    }

    [TestCase("gb18030", null)]
    [TestCase("gb18030", "gb18030")]
    [TestCase("utf-8-bom", null)]
    [TestCase("utf-8", "utf-8")]
    public void Read_Encoding_ChineseValuesDecoded(string written, string? option)
    {
        // Arrange
        var encoding = written switch
        {
            "gb18030" => GetGb18030(),
            "utf-8-bom" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
            _ => new UTF8Encoding(false),
        };
        var path = Write($"{written}.csv", $"{Header}\nbusiness-licence,H1,示例科技有限公司,\"河北省石家庄市\n长安区1号\"\n", encoding);

        // Act
        var rows = ImportRows.Read(path, option);

        // Assert
        var fields = rows.Single().Request!.Fields.ToDictionary(f => f.Name, f => f.Value);
        Assert.That(rows.Single().Request!.LicenseType, Is.EqualTo("business-licence"), "no BOM left in the first header");
        Assert.That((fields["company_name"], fields["address"]), Is.EqualTo(("示例科技有限公司", "河北省石家庄市\u2028长安区1号")));
    }

    [Test]
    public void Read_Gb18030FileAsUtf8_UsageErrorNamingTheOtherEncoding()
    {
        // Arrange
        var path = Write("wrong.csv", $"{Header}\nbusiness-licence,H1,示例,北京\n", GetGb18030());

        // Act
        var error = Assert.Throws<CliException>(() => ImportRows.Read(path, "utf-8"));

        // Assert
        Assert.That(error!.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.Message, Does.Contain("not valid UTF-8").And.Contain("gb18030"));
    }

    [Test]
    public void Read_RowWithTooFewCells_ErrorOnItsLineOthersRead()
    {
        // Arrange
        var path = Write("short.csv", $"{Header}\nbusiness-licence,H1\n\nbusiness-licence,H2,乙,天津\n", Encoding.UTF8);

        // Act
        var rows = ImportRows.Read(path, null);

        // Assert
        Assert.That(rows.Select(r => (r.Line, r.Error is null)), Is.EqualTo(new[] { (2, false), (4, true) }));
        Assert.That(rows[0].Error, Does.Contain("got 2 cells, want 4"));
    }

    private static Encoding GetGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    private static string Write(string name, string text, Encoding encoding)
    {
        var folder = Path.Combine(Path.GetTempPath(), "regional-cli-tests", "import-rows");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, [.. encoding.GetPreamble(), .. encoding.GetBytes(text)]);
        return path;
    }
}

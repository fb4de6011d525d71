using System.Text.Json;
using Regional.Cli.Tests.Support;

namespace Regional.Cli.Tests.Commands;

/// <summary>`license import` over one ImportLicenses call: the summary, re-runs and a caller the node refuses.</summary>
public sealed partial class ClusterCommandTests
{
    [Test]
    public async Task LicenseImport_SameFileTwice_SameLicencesAndTheSummary()
    {
        // Arrange
        var file = Path.Combine(Dir, "again.csv");
        File.WriteAllLines(file, ["license_type,holder_id,company_name,credit_code,company_type,legal_representative,established_on,address",
            .. Enumerable.Range(101, 25).Select(i => Row(i, "有限责任公司"))]);

        // Act
        var first = await CliRun.InAsync(Dir, "license", "import", file, "--json");
        var human = await CliRun.InAsync(Dir, "license", "import", file, "--parallel", "4");
        var again = await CliRun.InAsync(Dir, "license", "import", file, "--json");

        // Assert
        Assert.That((first.Exit, human.Exit, again.Exit), Is.EqualTo((0, 0, 0)), $"{first}\n{human}\n{again}");
        Assert.That(human.Out, Does.StartWith("Imported 25 of 25 rows from again.csv in ").And.Contain("; 0 rejected."));
        Assert.That(Licences(again), Is.EqualTo(Licences(first)), "a re-run gets each row's first licence");
        Assert.That(Licences(first).Values.Distinct().Count(), Is.EqualTo(25));
    }

    [Test]
    public async Task LicenseImport_AsAClerk_EveryLineRefusedExitOne()
    {
        // Arrange: tj's default certificate is a clerk's, which may not issue.
        var file = Path.Combine(Dir, "clerk.csv");
        File.WriteAllLines(file, ["license_type,issuing_department,holder_id,company_name,credit_code,company_type,legal_representative,established_on,address",
            .. Enumerable.Range(201, 3).Select(i => Row(i, "有限责任公司").Replace("business-licence,", "business-licence,tj-samr,", StringComparison.Ordinal))]);

        // Act
        var result = await CliRun.InAsync(Dir, "license", "import", file, "--node", "tj");

        // Assert
        Assert.That(result.Exit, Is.EqualTo(1), result.ToString());
        Assert.That(result.Out, Does.StartWith("Imported 0 of 3 rows from clerk.csv in ").And.Contain("; 3 rejected."));
        Assert.That(result.Out, Does.Contain("line 2: regional: node tj answered PERMISSION_DENIED:").And.Contain("line 4:"));
    }

    private static Dictionary<int, string> Licences(CliResult result)
    {
        using var json = JsonDocument.Parse(result.Out);
        return json.RootElement.GetProperty("licenses").EnumerateArray()
            .ToDictionary(l => l.GetProperty("line").GetInt32(), l => l.GetProperty("licenseId").GetString()!);
    }
}

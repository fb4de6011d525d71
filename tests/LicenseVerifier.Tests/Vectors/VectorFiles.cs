using System.Text.Json.Nodes;
using Regional.LicenseVerifier.Crypto;

namespace Regional.LicenseVerifier.Tests.Vectors;

/// <summary>
/// The shared vectors of testdata/vectors/ (docs/verifying.md), copied beside the test assembly by the
/// csproj: files named KIND-SUITE.json, one per kind and suite, each holding arrays of cases.
/// </summary>
internal static class VectorFiles
{
    public static readonly string[] Kinds = ["merkle", "signatures", "notes", "digests", "statusmap", "bundles"];

    public static string Directory => Path.Combine(TestContext.CurrentContext.TestDirectory, "vectors");

    /// <summary>Every vector file, by name.</summary>
    public static IEnumerable<string> All() => System.IO.Directory.EnumerateFiles(Directory, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    /// <summary>The files of a kind, with their suite.</summary>
    public static IEnumerable<(Suite Suite, JsonObject File)> Of(string kind)
    {
        foreach (var suite in new[] { Suite.Gm, Suite.Intl })
        {
            var path = Path.Combine(Directory, $"{kind}-{suite.Name}.json");
            yield return (suite, JsonNode.Parse(File.ReadAllText(path))!.AsObject());
        }
    }

    /// <summary>One NUnit case per element of each file's <paramref name="array"/>, named "suite: case name",
    /// with the suite, the case and the whole file as arguments.</summary>
    public static IEnumerable<TestCaseData> Cases(string kind, string array)
    {
        foreach (var (suite, file) in Of(kind))
        {
            foreach (var item in file[array]!.AsArray())
            {
                var name = (item!["name"] ?? item["licenseId"] ?? item["text"])?.GetValue<string>() ?? "?";
                yield return new TestCaseData(suite, item.AsObject(), file).SetName($"{kind} {array} {suite.Name}: {Printable(name)}");
            }
        }
    }

    public static byte[] Hex(JsonNode? node) => Convert.FromHexString(node!.GetValue<string>());

    public static byte[][] HexArray(JsonNode? node) => [.. node!.AsArray().Select(Hex)];

    /// <summary>Test names are shown in one line: control characters would break the report.</summary>
    private static string Printable(string name) => new([.. name.Select(c => char.IsControl(c) ? '?' : c)]);
}

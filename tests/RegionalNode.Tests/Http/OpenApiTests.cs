using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Api;
using Google.Protobuf.Reflection;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Node.Tests.Http;

/// <summary>
/// The OpenAPI document integrators generate clients from: served by the node at /openapi/v1.json, the same
/// as the copy checked in at docs/openapi.json, and listing every route the protos annotate. After a contract
/// change, write the new copy with <c>REGIONAL_WRITE_OPENAPI=1 dotnet test tests/RegionalNode.Tests --filter OpenApi</c>
/// and review its diff.
/// </summary>
public partial class OpenApiTests
{
    private static readonly string CheckedIn = Path.Combine(Repository.Root, "docs", "openapi.json");

    private TestNode _node = null!;
    private HttpClient _client = null!;
    private JsonNode _served = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _node = await TestNode.StartAsync(new TestNodeOptions { Ca = TestCa.Create() });
        _client = HttpClients.For(_node, null);
        _served = JsonNode.Parse(await _client.GetStringAsync("/openapi/v1.json"))!;
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _node.DisposeAsync();
    }

    [Test]
    public async Task Served_WithoutAClientCertificate_IsTheCheckedInDocument()
    {
        // Arrange
        var served = Normalized(_served);
        if (Environment.GetEnvironmentVariable("REGIONAL_WRITE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(CheckedIn, served);
        }

        // Assert
        Assert.That(File.Exists(CheckedIn), Is.True, $"{CheckedIn} is missing: write it with REGIONAL_WRITE_OPENAPI=1");
        Assert.That(served, Is.EqualTo(await File.ReadAllTextAsync(CheckedIn)),
            "docs/openapi.json differs from what the node serves: write it again with REGIONAL_WRITE_OPENAPI=1 and review the diff");
    }

    [TestCaseSource(nameof(AnnotatedRoutes))]
    public void Document_EveryAnnotatedRoute_IsAPathWithItsVerb(string method, string verb, string path)
    {
        // Arrange: the document names path variables by their JSON names ({license_id} is {licenseId}).
        var documented = PathVariable().Replace(path, m => "{" + JsonName(m.Groups[1].Value) + "}");

        // Act
        var operation = _served["paths"]?[documented]?[verb];

        // Assert
        Assert.That(operation, Is.Not.Null, $"{method}: {verb.ToUpperInvariant()} {documented} is not in the OpenAPI document");
    }

    [Test]
    public void Document_VerifyLicense_CarriesTheProtoComments()
    {
        // Act
        var summary = _served["paths"]?["/v1/licenses/{licenseId}:verify"]?["post"]?["summary"]?.GetValue<string>() ?? "";

        // Assert
        Assert.That(summary, Does.Contain("Checks a licence"));
    }

    [Test]
    public void Document_VerifyLicense_RequiresNoFieldsOfTheBody()
    {
        // Act
        var requestBody = _served["paths"]?["/v1/licenses/{licenseId}:verify"]?["post"]?["requestBody"];

        // Assert: `{}` is a status check, so nothing in the body may be required.
        Assert.That(requestBody, Is.Not.Null);
        Assert.That(requestBody!.ToJsonString(), Does.Not.Contain("\"required\":[\""));
    }

    /// <summary>Every (method, verb, path) of a google.api.http option in the regional.v1 services.</summary>
    public static IEnumerable<TestCaseData> AnnotatedRoutes()
    {
        ServiceDescriptor[] services = [LicenseService.Descriptor, LedgerService.Descriptor, CatalogService.Descriptor, ConsentService.Descriptor];
        foreach (var method in services.SelectMany(s => s.Methods))
        {
            if (method.GetOptions()?.GetExtension(AnnotationsExtensions.Http) is not { } rule)
            {
                continue;
            }
            var (verb, path) = rule.PatternCase switch
            {
                HttpRule.PatternOneofCase.Get => ("get", rule.Get),
                HttpRule.PatternOneofCase.Post => ("post", rule.Post),
                HttpRule.PatternOneofCase.Put => ("put", rule.Put),
                HttpRule.PatternOneofCase.Delete => ("delete", rule.Delete),
                HttpRule.PatternOneofCase.Patch => ("patch", rule.Patch),
                _ => ("custom", rule.Custom.Path),
            };
            yield return new TestCaseData(method.FullName, verb, path).SetArgDisplayNames(method.Name);
        }
    }

    [Test]
    public void AnnotatedRoutes_CoverTheIssuesRoutes()
    {
        var routes = AnnotatedRoutes().Select(r => $"{((string)r.Arguments[1]!).ToUpperInvariant()} {r.Arguments[2]}").ToList();

        Assert.That(routes, Is.SupersetOf(new[]
        {
            "POST /v1/licenses/{license_id}:verify", "GET /v1/licenses/{license_id}", "GET /v1/ledger/checkpoint", "GET /v1/catalog/types/{code}",
        }));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{([a-z0-9_]+)\}")]
    private static partial System.Text.RegularExpressions.Regex PathVariable();

    /// <summary>license_id to licenseId, as protoc names a field in JSON.</summary>
    private static string JsonName(string protoName)
    {
        var parts = protoName.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }

    private static string Normalized(JsonNode document) =>
        document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
}

using System.Net;
using Regional.Node.Tests.Licenses;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Node.Tests.Http;

/// <summary>GET /verify over HTTPS as a browser fetches it: the page with the directory preloaded, a policy
/// that lets it send nothing anywhere, and no way for an issuer's catalog text to become markup in it.</summary>
public class VerifyPageTests
{
    private const string Hostile = "</script><img src=x onerror=alert(1)>";

    private TestNode _node = null!;
    private HttpClient _browser = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _node = await TestNode.StartAsync(new TestNodeOptions { Ca = TestCa.Create() });
        _browser = HttpClients.For(_node, null);
        var catalog = new LicenseClient(_node.Channel).Catalog;
        var type = (await catalog.GetLicenseTypeAsync(new GetLicenseTypeRequest { Code = "business-licence" })).LicenseType.Clone();
        type.Code = "hostile-labels";
        type.NameEn = Hostile;
        type.Fields[0].LabelEn = Hostile;
        await catalog.RegisterLicenseTypeAsync(new RegisterLicenseTypeRequest { LicenseType = type });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _browser.Dispose();
        await _node.DisposeAsync();
    }

    [Test]
    public async Task Verify_OverHttp11_ThePageWithTheDirectoryAndANoRequestPolicy()
    {
        // Act
        using var response = await _browser.GetAsync("/verify");
        var html = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.That(policy, Does.Contain("default-src 'none'").And.Contain("form-action 'none'").And.Not.Contain("connect-src"));
        Assert.That(html, Does.Contain("营业执照"));
    }

    [Test]
    public async Task Verify_AnIssuersCatalogTextWithMarkup_StaysInertJson()
    {
        // Act
        var html = await _browser.GetStringAsync("/verify");

        // Assert: the label is in the page, but only as JSON that cannot close its script element.
        Assert.That(html, Does.Not.Contain(Hostile));
        Assert.That(html, Does.Contain("\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e"));
    }
}

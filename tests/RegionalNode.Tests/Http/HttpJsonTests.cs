using System.Net;
using System.Text;
using Grpc.Core;
using Regional.LicenseVerifier.Bundles;
using Regional.Node.Errors;
using Regional.Node.Tests.Consent;
using Regional.V1;

namespace Regional.Node.Tests.Http;

/// <summary>
/// The HTTP/JSON face as a provincial business system uses it: HTTP/1.1, JSON, mutual TLS, on three real
/// nodes (bj issues, tj mirrors and relays). The same identities, authorization, access records and errors as
/// gRPC, with google.rpc.Status JSON bodies; and the attacks on the new door: no certificate, the wrong role,
/// a cross-site form post, garbage and oversized bodies.
/// </summary>
public class HttpJsonTests
{
    private ConsentFederation _consent = null!;
    private HttpClient _bjIssuer = null!;
    private HttpClient _tjClerk = null!;
    private HttpClient _anonymous = null!;
    private string _licenseId = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _consent = await ConsentFederation.StartAsync();
        var federation = _consent.Federation;
        _bjIssuer = HttpClients.For(federation["bj"], federation.Ca.IssueClient("bj", "bj-natural-resources", "issuer"));
        _tjClerk = HttpClients.For(federation["tj"], federation.Ca.IssueClient("tj", "tj-power", "clerk"));
        _anonymous = HttpClients.For(federation["tj"], null);
        _licenseId = await _consent.IssuePropertyAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _bjIssuer.Dispose();
        _tjClerk.Dispose();
        _anonymous.Dispose();
        await _consent.DisposeAsync();
    }

    [Test]
    public async Task VerifyLicense_OverHttp11_ValidAsOverGrpcAndTheProofChecksOffline()
    {
        // Act
        using var response = await _tjClerk.PostJsonAsync($"/v1/licenses/{_licenseId}:verify", "{}");
        var overHttp = await response.ReadMessageAsync<VerifyLicenseResponse>();
        var overGrpc = await _consent.TjPowerClerk.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = _licenseId });

        // Assert
        Assert.That(response.Version, Is.EqualTo(HttpVersion.Version11));
        Assert.That(overHttp.Status, Is.EqualTo(VerificationStatus.Valid));
        Assert.That((overHttp.LicenseId, overHttp.IssuingRegion, overHttp.LicenseType, overHttp.Validity),
            Is.EqualTo((overGrpc.LicenseId, overGrpc.IssuingRegion, overGrpc.LicenseType, overGrpc.Validity)));
        var offline = BundleVerifier.Verify(overHttp.Proof, _consent.Federation.Policy(witnessQuorum: 0), DateTimeOffset.UtcNow);
        Assert.That(offline.IsValid, Is.True, offline.ToString());
    }

    [Test]
    public async Task VerifyLicense_JsonBody_WritesTheProto3JsonMapping()
    {
        // Act
        using var response = await _tjClerk.PostJsonAsync($"/v1/licenses/{_licenseId}:verify", "{}");
        var text = await response.Content.ReadAsStringAsync();

        // Assert: enums by name, 64-bit integers as strings, lowerCamel names, as `regional` writes its files.
        Assert.That(text, Does.Contain("\"status\":\"VERIFICATION_STATUS_VALID\""));
        Assert.That(text, Does.Match("\"checkpointSize\":\"[0-9]+\""));
        Assert.That(HttpClients.Properties(text), Does.Contain("issuingRegion"));
    }

    [Test]
    public async Task IssueRevokeVerify_AllOverHttp_RevokedOverHttpAndGrpc()
    {
        // Arrange: an issuer's system issues and revokes over HTTP only.
        var issue = PropertyJson("110108199001011234", "李四", "http-issue-revoke-1");

        using var issued = await _bjIssuer.PostJsonAsync("/v1/licenses", issue);
        var licenseId = (await issued.ReadMessageAsync<IssueLicenseResponse>()).LicenseId;

        // Act
        using var revoked = await _bjIssuer.PostJsonAsync($"/v1/licenses/{licenseId}:changeStatus",
            """{"status": "LICENSE_STATUS_REVOKED", "reason": "STATUS_REASON_COURT_ORDER", "issuingDepartment": "bj-natural-resources", "requestId": "http-revoke-1"}""");
        await revoked.ReadMessageAsync<ChangeLicenseStatusResponse>();
        using var verified = await _bjIssuer.PostJsonAsync($"/v1/licenses/{licenseId}:verify", "{}");

        // Assert
        Assert.That((await verified.ReadMessageAsync<VerifyLicenseResponse>()).Status, Is.EqualTo(VerificationStatus.Revoked));
        var overGrpc = await _consent.BjIssuer.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = licenseId });
        Assert.That(overGrpc.Status, Is.EqualTo(VerificationStatus.Revoked));
    }

    [Test]
    public async Task IssueLicense_SameRequestIdTwiceOverHttp_OneLicence()
    {
        // Arrange
        var body = PropertyJson("110108199202021234", "赵六", "http-retry-1");


        // Act: the retry after a lost answer.
        using var first = await _bjIssuer.PostJsonAsync("/v1/licenses", body);
        using var retry = await _bjIssuer.PostJsonAsync("/v1/licenses", body);

        // Assert
        Assert.That((await retry.ReadMessageAsync<IssueLicenseResponse>()).LicenseId,
            Is.EqualTo((await first.ReadMessageAsync<IssueLicenseResponse>()).LicenseId));
    }

    [Test]
    public async Task VerifyLicense_UnknownLicence_SameAnswerAsGrpc()
    {
        // Arrange
        var unknown = _licenseId[..^4] + (_licenseId.EndsWith("0000", StringComparison.Ordinal) ? "0001" : "0000");
        var overGrpc = await _consent.TjPowerClerk.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = unknown });

        // Act
        using var response = await _tjClerk.PostJsonAsync($"/v1/licenses/{unknown}:verify", "{}");

        // Assert
        var overHttp = await response.ReadMessageAsync<VerifyLicenseResponse>();
        Assert.That(overHttp.Status, Is.EqualTo(overGrpc.Status));
        Assert.That(overHttp.Status, Is.Not.EqualTo(VerificationStatus.Valid));
    }

    [Test]
    public async Task VerifyLicense_MalformedLicenceId_400WithTheSameViolationAsGrpc()
    {
        // Arrange
        var grpc = Assert.ThrowsAsync<RpcException>(() => _consent.TjPowerClerk.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = "BJ-nope" }).ResponseAsync);

        // Act
        using var response = await _tjClerk.PostJsonAsync("/v1/licenses/BJ-nope:verify", "{}");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var (status, info, badRequest) = await response.ReadStatusAsync();
        Assert.That((StatusCode)status.Code, Is.EqualTo(grpc!.StatusCode));
        Assert.That(info!.Reason, Is.EqualTo(grpc.ErrorInfo()!.Reason));
        Assert.That(info.Domain, Is.EqualTo("regional.v1"));
        Assert.That(badRequest!.FieldViolations.Select(v => v.Field), Is.EqualTo(new[] { "license_id" }));
    }

    [Test]
    public async Task IssueLicense_NoClientCertificate_401ClientCertificateRequired()
    {
        // Act
        using var response = await _anonymous.PostJsonAsync("/v1/licenses", "{}");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var (status, info, _) = await response.ReadStatusAsync();
        Assert.That((StatusCode)status.Code, Is.EqualTo(StatusCode.Unauthenticated));
        Assert.That(info!.Reason, Is.EqualTo("CLIENT_CERTIFICATE_REQUIRED"));
    }

    [Test]
    public async Task IssueLicense_ClerkCertificate_403RoleNotAllowed()
    {
        // Act
        using var response = await _tjClerk.PostJsonAsync("/v1/licenses", """{"licenseType": "business-licence", "issuingDepartment": "tj-power"}""");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var (_, info, _) = await response.ReadStatusAsync();
        Assert.That(info!.Reason, Is.EqualTo("ROLE_NOT_ALLOWED"));
    }

    [Test]
    public async Task IssueLicense_AnotherDepartmentInTheBody_403WrongDepartmentAndNothingWritten()
    {
        // Arrange: bj's natural-resources issuer names bj's market regulator in the body.
        var before = await new Regional.Node.Tests.Licenses.LicenseClient(_consent.Federation["bj"].Channel).TreeSizeAsync();

        // Act
        using var response = await _bjIssuer.PostJsonAsync("/v1/licenses",
            """{"licenseType": "business-licence", "issuingDepartment": "bj-samr", "holderId": "91110105MA01ABCD2X", "fields": [{"name": "company_name", "value": "x"}]}""");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var (_, info, _) = await response.ReadStatusAsync();
        Assert.That(info!.Reason, Is.EqualTo("WRONG_DEPARTMENT"));
        Assert.That(await new Regional.Node.Tests.Licenses.LicenseClient(_consent.Federation["bj"].Channel).TreeSizeAsync(), Is.EqualTo(before));
    }

    [TestCase("""{"disclosed": [{"name": 5}]}""", "disclosed[0].name")]
    [TestCase("""{"disclosed": {"name": "x"}}""", "disclosed")]
    [TestCase("""{"licence_id": "x"}""", "licence_id")]
    [TestCase("""{"grantId": ["a"]}""", "grant_id")]
    [TestCase("""{"disclosed": [{"name": "owner_name", "salt": "not base64!"}]}""", "disclosed[0].salt")]
    [TestCase("""{"disclosed": """, "body")]
    [TestCase("""[]""", "body")]
    public async Task VerifyLicense_MalformedJson_400WithAFieldViolation(string body, string field)
    {
        // Act
        using var response = await _tjClerk.PostJsonAsync($"/v1/licenses/{_licenseId}:verify", body);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var (status, info, badRequest) = await response.ReadStatusAsync();
        Assert.That((StatusCode)status.Code, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(info!.Reason, Is.EqualTo("INVALID_ARGUMENT"));
        Assert.That(badRequest!.FieldViolations.Select(v => v.Field), Does.Contain(field));
    }

    [Test]
    public async Task ChangeLicenseStatus_CrossSiteFormPost_RefusedAndNothingWritten()
    {
        // Arrange: a page in the issuer's browser, which holds the issuer's certificate, posts a "simple"
        // (no CORS preflight) cross-site request.
        var before = await new Regional.Node.Tests.Licenses.LicenseClient(_consent.Federation["bj"].Channel).TreeSizeAsync();

        // Act
        using var response = await _bjIssuer.PostJsonAsync($"/v1/licenses/{_licenseId}:changeStatus",
            """{"status": "LICENSE_STATUS_REVOKED", "reason": "STATUS_REASON_OTHER", "issuingDepartment": "bj-natural-resources"}""", "text/plain");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var (_, _, badRequest) = await response.ReadStatusAsync();
        Assert.That(badRequest!.FieldViolations.Single().Field, Is.EqualTo("Content-Type"));
        Assert.That(await new Regional.Node.Tests.Licenses.LicenseClient(_consent.Federation["bj"].Channel).TreeSizeAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task IssueLicense_BodyOverTheRequestLimit_413RequestTooLarge()
    {
        // Arrange: one byte over Node:MaxRequestBytes (4 MiB by default).
        var body = "{\"holderId\": \"" + new string('x', (4 * 1024 * 1024) - 15) + "\"}";
        Assert.That(Encoding.UTF8.GetByteCount(body), Is.EqualTo((4 * 1024 * 1024) + 1));

        // Act
        using var response = await _bjIssuer.PostJsonAsync("/v1/licenses", body);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        var (status, info, _) = await response.ReadStatusAsync();
        Assert.That((StatusCode)status.Code, Is.EqualTo(StatusCode.ResourceExhausted));
        Assert.That(info!.Reason, Is.EqualTo("REQUEST_TOO_LARGE"));
    }

    [Test]
    public async Task DownloadLicense_UnderAGrantOverHttp_TheDocumentAndAnAccessRecordWithThePlace()
    {
        // Arrange
        var grant = await _consent.GrantAsync(_licenseId);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/licenses/{_licenseId}:download")
        {
            Content = new StringContent($$"""{"grantId": "{{grant.Grant.GrantId}}", "matterCode": "{{ConsentFederation.Matter}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-regional-place", Uri.EscapeDataString(ConsentFederation.Place));

        // Act
        using var response = await _tjClerk.SendAsync(request);

        // Assert
        var download = await response.ReadMessageAsync<DownloadLicenseResponse>();
        Assert.That(download.Document.Fields.Select(f => f.Name), Is.EquivalentTo(new[] { "owner_name", "location" }));
        var offline = BundleVerifier.Verify(download.Proof, _consent.Federation.Policy(witnessQuorum: 0), DateTimeOffset.UtcNow, [.. download.Document.Fields]);
        Assert.That(offline.IsValid, Is.True, offline.ToString());
        var accesses = await _consent.HolderApp.ListAccessesAsync(new ListAccessesRequest { LicenseId = _licenseId, HolderId = ConsentFederation.OwnerId });
        var access = accesses.Accesses.Select(a => a.Access).Single(a => a.GrantId == grant.Grant.GrantId);
        Assert.That((access.RelyingDepartment, access.Place, access.RequestingRegion), Is.EqualTo(("tj-power", ConsentFederation.Place, "tj")));
        Assert.That(access.FieldsSeen, Is.EquivalentTo(new[] { "owner_name", "location" }));
    }

    [Test]
    public async Task DownloadLicense_NoGrantOverHttp_403NoGrant()
    {
        // Act
        using var response = await _tjClerk.PostJsonAsync($"/v1/licenses/{_licenseId}:download", $$"""{"matterCode": "{{ConsentFederation.Matter}}"}""");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var (_, info, _) = await response.ReadStatusAsync();
        Assert.That(info!.Reason, Is.EqualTo("NO_GRANT"));
    }

    [Test]
    public async Task GetRoutes_LicenceCheckpointAndType_AnswerAsGrpc()
    {
        // Act
        using var license = await _tjClerk.GetAsync($"/v1/licenses/{_licenseId}");
        using var checkpoint = await _tjClerk.GetAsync("/v1/ledger/checkpoint");
        using var type = await _tjClerk.GetAsync("/v1/catalog/types/real-estate-certificate");

        // Assert
        Assert.That((await license.ReadMessageAsync<GetLicenseResponse>()).IssuingRegion, Is.EqualTo("bj"));
        Assert.That((await checkpoint.ReadMessageAsync<GetCheckpointResponse>()).Checkpoint.Origin, Does.Contain("tj"));
        Assert.That((await type.ReadMessageAsync<GetLicenseTypeResponse>()).LicenseType.Code, Is.EqualTo("real-estate-certificate"));
    }

    [Test]
    public async Task GetLicense_UnknownRoute_404WithoutReachingAService()
    {
        // Act
        using var response = await _tjClerk.GetAsync("/v1/licences-typo/x");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("5X")]
    [TestCase("123456789S")]
    [TestCase("S")]
    public async Task VerifyLicense_BadGrpcTimeout_400NamingTheHeader(string timeout)
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/licenses/{_licenseId}:verify") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("grpc-timeout", timeout);

        // Act
        using var response = await _tjClerk.SendAsync(request);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var (_, _, badRequest) = await response.ReadStatusAsync();
        Assert.That(badRequest!.FieldViolations.Single().Field, Is.EqualTo("grpc-timeout"));
    }

    [Test]
    public async Task VerifyLicense_GenerousGrpcTimeout_Answered()
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/licenses/{_licenseId}:verify") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("grpc-timeout", "10S");

        // Act
        using var response = await _tjClerk.SendAsync(request);

        // Assert
        Assert.That((await response.ReadMessageAsync<VerifyLicenseResponse>()).Status, Is.EqualTo(VerificationStatus.Valid));
    }

    /// <summary>An IssueLicense request for a real-estate certificate as an issuer's system writes it in JSON.</summary>
    private static string PropertyJson(string holderId, string ownerName, string requestId) => $$"""
        {"licenseType": "real-estate-certificate", "issuingDepartment": "bj-natural-resources", "holderId": "{{holderId}}",
         "requestId": "{{requestId}}",
         "fields": [{"name": "certificate_number", "value": "京(2026)海淀区不动产权第{{holderId[^7..]}}号"}, {"name": "owner_name", "value": "{{ownerName}}"},
           {"name": "owner_id_number", "value": "{{holderId}}"}, {"name": "location", "value": "北京市海淀区示例路9号"},
           {"name": "unit_number", "value": "110108001001GB00001F000{{holderId[^5..]}}"}, {"name": "right_type", "value": "国有建设用地使用权/房屋所有权"},
           {"name": "usage", "value": "住宅"}, {"name": "area_sqm", "value": "60"}]}
        """;
}

using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Regional.V1;

namespace Regional.Integration.Tests.Attacks;

/// <summary>Bounded, clean input: every caller-chosen string that could reach the replicated log, a
/// signed token or a log line has a pattern and a length limit, and control or bidirectional formatting
/// characters are refused, INVALID_ARGUMENT naming the field, before anything is written. Three live nodes.</summary>
[NonParallelizable]
public sealed class InputAttackTests : AttackFixture
{
    private static readonly string FourMegabytes = new('x', 4_000_000);

    /// <summary>A grant with one field spoiled, and the field the refusal must name.</summary>
    public static IEnumerable<TestCaseData> BadGrants()
    {
        yield return Grant("matter_name", r => r.MatterName = FourMegabytes).SetName("Grant_MatterNameOfFourMegabytes");
        yield return Grant("matter_name", r => r.MatterName = "电力过户\u001b[2J").SetName("Grant_MatterNameWithATerminalEscape");
        yield return Grant("matter_name", r => r.MatterName = "电力\u202E户过").SetName("Grant_MatterNameWithABidiOverride");
        yield return Grant("matter_name", r => r.MatterName = new string('户', 65)).SetName("Grant_MatterNameOver64Characters");
        yield return Grant("matter_code", r => r.MatterCode = "Power Transfer").SetName("Grant_MatterCodeNotACode");
        yield return Grant("matter_code", r => r.MatterCode = new string('a', 65)).SetName("Grant_MatterCodeOver64Characters");
        yield return Grant("relying_window", r => r.RelyingWindow = "滨海营业厅\n").SetName("Grant_WindowNotACode");
        yield return Grant("relying_department", r => r.RelyingDepartment = "tj-power\u0000").SetName("Grant_DepartmentWithANul");
        yield return Grant("relying_department", r => r.RelyingDepartment = "tj-" + new string('p', 300)).SetName("Grant_DepartmentOver32Characters");
        yield return Grant("fields[1]", r => r.Fields.Add("owner_name")).SetName("Grant_AFieldTwice");
        yield return Grant("fields", r => r.Fields.Add("bank_account")).SetName("Grant_AFieldTheTypeDoesNotHave");
        yield return Grant("holder_id", r => r.HolderId = "").SetName("Grant_NoHolder");
        yield return Grant("holder_id", r => r.HolderId = AttackFederation.OwnerId + "\r\n").SetName("Grant_HolderWithALineBreak");
    }

    private static TestCaseData Grant(string field, Action<GrantConsentRequest> spoil) => new(field, spoil);

    [TestCaseSource(nameof(BadGrants))]
    public async Task GrantConsent_BadText_InvalidArgumentAndNothingWritten(string field, Action<GrantConsentRequest> spoil)
    {
        // Arrange
        var before = await Attack.ConvergedAsync();
        var request = new GrantConsentRequest
        {
            LicenseId = Flat, HolderId = AttackFederation.OwnerId, RelyingDepartment = "tj-power", MatterCode = AttackFederation.Matter,
            MatterName = "电力过户", ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1)), Fields = { "owner_name" },
        };
        spoil(request);

        // Act
        var refusal = await AttackFederation.RefusalOf(() => Attack.HoldersApp("bj").GrantConsentAsync(request).ResponseAsync);

        // Assert
        Assert.That(refusal.Code, Is.EqualTo(StatusCode.InvalidArgument), refusal.Message);
        Assert.That(refusal.Fields, Does.Contain(field), refusal.Message);
        Assert.That(refusal.Message.Length, Is.LessThan(2000), "the refusal does not echo the text back");
        Assert.That(refusal.Message.Any(char.IsControl), Is.False);
        await Attack.AssertUnchangedAsync(before);
    }

    /// <summary>A download at tj (relayed to bj) with one part spoiled: the request, or the declared place.</summary>
    public static IEnumerable<TestCaseData> BadDownloads()
    {
        yield return Download("x-regional-place", r => { }, "滨海营业厅\u001b]0;pwned\u0007").SetName("Download_PlaceWithATerminalEscape");
        yield return Download("x-regional-place", r => { }, new string('厅', 65)).SetName("Download_PlaceOver64Characters");
        yield return Download("fields[1]", r => r.Fields.Add(["owner_name", "owner_name"])).SetName("Download_AFieldTwice");
        yield return Download("fields", r => r.Fields.Add("bank_account")).SetName("Download_AFieldTheTypeDoesNotHave");
        yield return Download("fields[0]", r => r.Fields.Add("Owner Name")).SetName("Download_AFieldNameNotAName");
        yield return Download("grant_id", r => r.GrantId = "g-../../etc/passwd").SetName("Download_GrantIdNotAnId");
        yield return Download("matter_code", r => r.MatterCode = "电力过户").SetName("Download_MatterCodeNotACode");
    }

    private static TestCaseData Download(string field, Action<DownloadLicenseRequest> spoil, string? place = null) => new(field, spoil, place);

    [TestCaseSource(nameof(BadDownloads))]
    public async Task DownloadLicense_BadInput_InvalidArgumentAndNothingWritten(string field, Action<DownloadLicenseRequest> spoil, string? place)
    {
        // Arrange
        var grant = await AttackFederation.GrantAsync(Attack.HoldersApp("bj"), Flat, singleUse: false);
        var before = await Attack.ConvergedAsync();
        var request = new DownloadLicenseRequest { LicenseId = Flat, GrantId = grant.Grant.GrantId, MatterCode = AttackFederation.Matter };
        spoil(request);
        var headers = new Metadata();
        if (place is not null)
        {
            headers.Add("x-regional-place", Uri.EscapeDataString(place));
        }

        // Act
        var refusal = await AttackFederation.RefusalOf(() =>
            Attack.Licenses("tj", "tj", "tj-power", "clerk").DownloadLicenseAsync(request, headers).ResponseAsync);

        // Assert
        Assert.That(refusal.Code, Is.EqualTo(StatusCode.InvalidArgument), refusal.Message);
        Assert.That(refusal.Fields, Does.Contain(field), refusal.Message);
        await Attack.AssertUnchangedAsync(before);
    }

    [TestCase("clerk\u001b[31m red")]
    [TestCase("张三\u202E")]
    [TestCase("a clerk whose name goes on and on and on for far longer than any real person's name would")]
    public async Task ClerkCertificate_NameNotCleanText_InvalidArgumentAndNothingWritten(string commonName)
    {
        // Arrange: the clerk's name comes from the certificate and goes on the log: the CA is not trusted to keep it clean.
        var grant = await AttackFederation.GrantAsync(Attack.HoldersApp("bj"), Flat, singleUse: false);
        var before = await Attack.ConvergedAsync();
        var certificate = Attack.Federation.Ca.IssueForged("urn:regional:client:tj:tj-power:clerk", commonName);
        var clerk = new LicenseService.LicenseServiceClient(Attack.ChannelWith("tj", certificate));

        // Act
        var refusal = await AttackFederation.RefusalOf(() => AttackFederation.DownloadAsync(clerk, Flat, grant.Grant.GrantId));

        // Assert
        Assert.That(refusal.Code, Is.EqualTo(StatusCode.InvalidArgument), refusal.Message);
        Assert.That(refusal.Fields, Does.Contain("client certificate CN"), refusal.Message);
        await Attack.AssertUnchangedAsync(before);
    }

    [TestCase("tj-power:clerk:evil%1B%5B2J", "x-regional-on-behalf-of clerk")]
    [TestCase("tj-power:clerk", "x-regional-on-behalf-of")]
    [TestCase("tj-power:clerk:x:binhai_hall", "x-regional-on-behalf-of window")]
    public async Task RelayedCall_OnBehalfOfHeaderNotClean_InvalidArgumentAndNothingWritten(string behalf, string field)
    {
        // Arrange: tj's own node key, relaying for one of tj's departments but with a spoiled header.
        var grant = await AttackFederation.GrantAsync(Attack.HoldersApp("bj"), Flat, singleUse: false);
        var before = await Attack.ConvergedAsync();
        var tjNode = new LicenseService.LicenseServiceClient(Attack.ChannelWith("bj", Attack.NodeCertificate("tj")));
        var request = new DownloadLicenseRequest { LicenseId = Flat, GrantId = grant.Grant.GrantId, MatterCode = AttackFederation.Matter };

        // Act
        var refusal = await AttackFederation.RefusalOf(() => tjNode.DownloadLicenseAsync(request, new Metadata { { "x-regional-on-behalf-of", behalf } }).ResponseAsync);

        // Assert
        Assert.That(refusal.Code, Is.EqualTo(StatusCode.InvalidArgument), refusal.Message);
        Assert.That(refusal.Fields, Does.Contain(field), refusal.Message);
        await Attack.AssertUnchangedAsync(before);
    }

    [Test]
    public async Task IssueLicense_RequestIdWithALineBreak_InvalidArgumentAndNothingWritten()
    {
        var before = await Attack.ConvergedAsync();
        var request = new IssueLicenseRequest
        {
            LicenseType = "business-licence", IssuingDepartment = "bj-samr", HolderId = "91110105MA01ABCD2X", RequestId = "retry-1\nforged log line",
        };

        var refusal = await AttackFederation.RefusalOf(() => new LicenseService.LicenseServiceClient(Attack.Federation["bj"].Channel).IssueLicenseAsync(request).ResponseAsync);

        Assert.That(refusal.Code, Is.EqualTo(StatusCode.InvalidArgument), refusal.Message);
        Assert.That(refusal.Fields, Does.Contain("request_id"), refusal.Message);
        await Attack.AssertUnchangedAsync(before);
    }

    [Test]
    public async Task RegisterLicenseType_LabelsAndPurposesNotClean_InvalidArgumentAndNothingWritten()
    {
        // Arrange: the catalog goes on the log too.
        var before = await Attack.ConvergedAsync();
        var type = new LicenseType
        {
            Code = "harbour-permit", NameZh = "港口许可\u001b[2J", NameEn = "Harbour permit", OwningDepartment = "bj-transport",
            Sharing = new SharingPolicy { SharingClass = SharingClass.Conditional, AllowedDepartments = { "tj-port" }, AllowedPurposes = { FourMegabytes[..100] } },
            Fields = { new FieldSpec { Name = "berth", LabelZh = "泊位", LabelEn = new string('b', 65), Type = FieldType.Text, Sensitivity = Sensitivity.Public, Required = true } },
        };
        var issuer = new CatalogService.CatalogServiceClient(Attack.Channel("bj", "bj", "bj-transport", "issuer"));

        // Act
        var refusal = await AttackFederation.RefusalOf(() => issuer.RegisterLicenseTypeAsync(new RegisterLicenseTypeRequest { LicenseType = type }).ResponseAsync);

        // Assert
        Assert.That(refusal.Code, Is.EqualTo(StatusCode.InvalidArgument), refusal.Message);
        Assert.That(refusal.Fields, Is.SupersetOf(new[] { "license_type.name_zh", "license_type.fields[0].label_en", "license_type.sharing.allowed_purposes[0]" }), refusal.Message);
        await Attack.AssertUnchangedAsync(before);
    }
}

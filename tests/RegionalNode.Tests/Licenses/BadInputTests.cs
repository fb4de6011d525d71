using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Node.Tests.Licenses;

/// <summary>Every bad IssueLicense gets a precise status with a field violation, and the log is
/// left exactly as it was (same tree size).</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public class BadInputTests(string storage) : SingleNodeFixture("bj", "gm", storage)
{
    private static IEnumerable<TestCaseData> BadIssuances()
    {
        yield return Case("unknown type", r => r.LicenseType = "flying-licence", StatusCode.InvalidArgument, "license_type");
        yield return Case("malformed type", r => r.LicenseType = "", StatusCode.InvalidArgument, "license_type");
        yield return Case("wrong department", r => r.IssuingDepartment = "bj-transport", StatusCode.PermissionDenied, null);
        yield return Case("other region's department", r => r.IssuingDepartment = "tj-samr", StatusCode.InvalidArgument, "issuing_department");
        yield return Case("undeclared field", r => r.Fields.Add(LicenseClient.Field("shoe_size", "42")), StatusCode.InvalidArgument, "fields[6].name");
        yield return Case("missing required field", r => r.Fields.Remove(r.Fields.Single(f => f.Name == "credit_code")), StatusCode.InvalidArgument, "fields");
        yield return Case("duplicated field", r => r.Fields.Add(LicenseClient.Field("company_name", "又一个")), StatusCode.InvalidArgument, "fields[6].name");
        yield return Case("bad date", r => r.Fields.Single(f => f.Name == "established_on").Value = "2024-13-45", StatusCode.InvalidArgument, "fields[4].value");
        yield return Case("empty holder", r => r.HolderId = "", StatusCode.InvalidArgument, "holder_id");
        yield return Case("control character", r => r.Fields[0].Value = "bad\u0007bell", StatusCode.InvalidArgument, "fields[0].value");
        yield return Case("100,000 fields", r =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                r.Fields.Add(LicenseClient.Field("company_name", "x"));
            }
        }, StatusCode.InvalidArgument, "fields");
        yield return Case("10 MB request", r => r.Fields[0].Value = new string('字', 10 * 1024 * 1024 / 3), StatusCode.ResourceExhausted, null);
    }

    private static TestCaseData Case(string name, Action<IssueLicenseRequest> spoil, StatusCode code, string? field) =>
        new TestCaseData(spoil, code, field).SetName($"IssueLicense_{name.Replace(' ', '_')}_{code}");

    [TestCaseSource(nameof(BadIssuances))]
    public async Task IssueLicense_BadInput_PreciseStatusAndLogUnchanged(Action<IssueLicenseRequest> spoil, StatusCode code, string? field)
    {
        var request = LicenseClient.BusinessLicence();
        spoil(request);
        var before = await Client.TreeSizeAsync();

        var error = Assert.ThrowsAsync<RpcException>(async () => await Client.Licenses.IssueLicenseAsync(request));
        await Task.Delay(60); // longer than sealing a block takes: anything queued would have been sealed
        var after = await Client.TreeSizeAsync();

        Assert.That(error!.StatusCode, Is.EqualTo(code), error.Status.Detail);
        if (field is not null)
        {
            Assert.That(Violations(error).Select(v => v.Field), Does.Contain(field), error.Status.Detail);
        }
        Assert.That(after, Is.EqualTo(before));
    }

    [Test]
    public async Task VerifyLicense_ARegionThisFederationDoesNotHave_UnknownNamingTheRegion()
    {
        // A well-formed id of a region this node has no log of (a federation has any number of regions: one may join
        // before this node's trust file names it) is no bad input: the answer says it cannot tell, and why.
        var answer = await Client.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = "XX-2026-000001" });

        Assert.That(answer.Status, Is.EqualTo(VerificationStatus.Unknown));
        Assert.That(answer.Detail, Does.Contain("no mirror of region 'xx'"));
    }

    [TestCase("")]
    [TestCase("BJ-1")]
    [TestCase("BJ-2026-000001; DROP TABLE licenses")]
    [TestCase("bj-2026-000001")]
    [TestCase("BJ-2026-000001\n")]
    [TestCase("BJ-2026-\uFF10\uFF10\uFF10\uFF10\uFF10\uFF11")]
    public async Task VerifyLicense_MalformedId_InvalidArgumentNamingTheField(string id)
    {
        var error = Assert.ThrowsAsync<RpcException>(async () => await Client.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = id }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(Violations(error).Single().Field, Is.EqualTo("license_id"));
        Assert.That(Violations(error).Single().Description, Does.Contain("want"));
        await Task.CompletedTask;
    }

    [Test]
    public async Task IssueLicense_InvalidUtf8InValue_InvalidArgumentAndLogUnchanged()
    {
        var request = LicenseClient.BusinessLicence();
        request.Fields[0].Value = "PLACEHOLDER";
        var bytes = request.ToByteArray();
        var at = bytes.AsSpan().IndexOf("PLACEHOLDER"u8);
        new byte[] { 0xC3, 0x28, 0xFF, 0xFE, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28 }.CopyTo(bytes, at);
        var raw = new Method<byte[], byte[]>(MethodType.Unary, "regional.v1.LicenseService", "IssueLicense",
            Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));
        var before = await Client.TreeSizeAsync();

        var error = Assert.ThrowsAsync<RpcException>(async () => await Node.Channel.CreateCallInvoker().AsyncUnaryCall(raw, null, new CallOptions(), bytes));
        var after = await Client.TreeSizeAsync();

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), error.Status.Detail);
        Assert.That(error.Status.Detail, Does.Contain("UTF-8"));
        Assert.That(after, Is.EqualTo(before));
        Assert.That(Encoding.UTF8.GetString(bytes), Does.Contain("\uFFFD"));
    }

    private static IReadOnlyList<(string Field, string Description)> Violations(RpcException error) =>
        [.. Regional.Node.Errors.RpcErrorDetails.FieldViolations(error).Select(v => (v.Field, v.Description))];
}

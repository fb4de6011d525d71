using Google.Protobuf;
using Grpc.Core;
using Regional.LicenseVerifier.Bundles;
using Regional.Node.Errors;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Node.Tests.Licenses;

/// <summary>ImportLicenses on one real node that authorises callers by client certificate (the default
/// channel is bj-samr's issuer): rows issued and verifiable, idempotent per row, bad rows answered by their
/// row number while the others go in, a row of another department refused and not written, a clerk not let in.</summary>
[TestFixture]
public sealed class ImportTests
{
    private TestCa _ca = null!;
    private TestNode _node = null!;
    private LicenseClient _client = null!;

    [OneTimeSetUp]
    public async Task StartNode()
    {
        _ca = TestCa.Create();
        // A 256 KiB message limit: a row past it still fits the HTTP/2 stream window, so the client sends it whole
        // and the node refuses it on reading; a row past the default 4 MiB would wait on flow control instead.
        _node = await TestNode.StartAsync(new TestNodeOptions { Ca = _ca, Settings = { ["Node:MaxRequestBytes"] = "262144" } });
        _client = new LicenseClient(_node.Channel);
    }

    [OneTimeTearDown]
    public async Task StopNode()
    {
        await _node.DisposeAsync();
        _ca.Dispose();
    }

    [Test]
    public async Task ImportLicenses_300Rows_EachIssuedOnceAndVerifiesOffline()
    {
        // Arrange
        var rows = Imports.BusinessLicences("MA0BULK", 300);

        // Act
        var results = await Imports.RunAsync(_node.Channel, rows);

        // Assert
        Assert.That(results.Keys, Is.EquivalentTo(rows.Select(r => r.Row)));
        Assert.That(results.Values.Where(r => r.ResultCase != ImportLicensesResponse.ResultOneofCase.Issued).Select(r => $"{r.Row}: {r.Error}"), Is.Empty);
        Assert.That(results.Values.Select(r => r.Issued.LicenseId).Distinct().Count(), Is.EqualTo(300));
        var trust = await _client.TrustPolicyAsync();
        foreach (var result in results.Values)
        {
            var verified = await _client.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = result.Issued.LicenseId });
            var offline = BundleVerifier.Verify(verified.Proof, trust, _node.Clock.GetUtcNow());
            Assert.That((verified.Status, offline.Status), Is.EqualTo((VerificationStatus.Valid, VerificationStatus.Valid)), $"row {result.Row}: {offline.Detail}");
            Assert.That(verified.Proof.LeafIndex, Is.EqualTo(result.Issued.Receipt.LeafIndex), $"row {result.Row}: the receipt names the licence's entry");
        }
    }

    [Test]
    public async Task ImportLicenses_SameRowsAgain_SameLicencesAndNothingAppended()
    {
        // Arrange
        var rows = Imports.BusinessLicences("MA0AGAIN", 50);
        var first = await Imports.RunAsync(_node.Channel, rows);
        var size = await _client.TreeSizeAsync();

        // Act
        var again = await Imports.RunAsync(_node.Channel, rows);

        // Assert
        Assert.That(again.ToDictionary(r => r.Key, r => (r.Value.Issued.LicenseId, r.Value.Issued.Receipt.LeafIndex)),
            Is.EqualTo(first.ToDictionary(r => r.Key, r => (r.Value.Issued.LicenseId, r.Value.Issued.Receipt.LeafIndex))));
        Assert.That(await _client.TreeSizeAsync(), Is.EqualTo(size));
    }

    [Test]
    public async Task ImportLicenses_BadRows_EachAnsweredByItsRowAndTheOthersIssued()
    {
        // Arrange: rows 2 to 5 are bad, each in its own way.
        var unknownType = Imports.BusinessLicence("MA0BAD", 2);
        unknownType.LicenseType = "no-such-licence";
        var missingField = Imports.BusinessLicence("MA0BAD", 3);
        missingField.Fields.Remove(missingField.Fields.Single(f => f.Name == "company_type"));
        var noRequestId = Imports.BusinessLicence("MA0BAD", 4);
        noRequestId.RequestId = "";
        ImportLicensesRequest[] rows =
        [
            Imports.Row(1, Imports.BusinessLicence("MA0BAD", 1)), Imports.Row(2, unknownType), Imports.Row(3, missingField),
            Imports.Row(4, noRequestId), Imports.Row(5, null), Imports.Row(6, Imports.BusinessLicence("MA0BAD", 6)),
        ];

        // Act
        var results = await Imports.RunAsync(_node.Channel, rows);

        // Assert
        Assert.That(results[1].Issued?.LicenseId, Does.StartWith("BJ-"));
        Assert.That(results[6].Issued?.LicenseId, Does.StartWith("BJ-"));
        Assert.That(results.Where(r => r.Key is >= 2 and <= 5).Select(r => r.Value.Error?.Code), Is.All.EqualTo("INVALID_ARGUMENT"));
        Assert.That(results[2].Error.FieldViolations.Select(v => v.Field), Is.EqualTo(new[] { "license_type" }));
        Assert.That(results[3].Error.FieldViolations.Single().Description, Does.Contain("missing required field 'company_type'"));
        Assert.That(results[4].Error.FieldViolations.Single().Field, Is.EqualTo("request_id"));
        Assert.That(results[5].Error.FieldViolations.Single().Field, Is.EqualTo("license"));
        Assert.That(results[2].Error.Reason, Is.EqualTo("INVALID_ARGUMENT"));
    }

    [Test]
    public async Task ImportLicenses_RequestIdReusedForOtherContent_RowRefusedAlreadyExists()
    {
        // Arrange
        var original = Imports.BusinessLicence("MA0REUSE", 1);
        var first = await Imports.RunAsync(_node.Channel, [Imports.Row(1, original)]);
        var changed = original.Clone();
        changed.Fields[0].Value = "另一家公司";

        // Act
        var results = await Imports.RunAsync(_node.Channel, [Imports.Row(7, changed), Imports.Row(8, original)]);

        // Assert
        Assert.That((results[7].Error?.Code, results[7].Error?.Reason), Is.EqualTo(("ALREADY_EXISTS", "REQUEST_ID_REUSED")));
        Assert.That(results[7].Error!.Message, Does.Contain("request_id"));
        Assert.That(results[8].Issued.LicenseId, Is.EqualTo(first[1].Issued.LicenseId), "the same content is the first answer");
    }

    [Test]
    public async Task ImportLicenses_RowsForOtherDepartments_WrongDepartmentAndNeverWritten()
    {
        // Arrange: bj-samr's issuer sends its own row between a real-estate certificate of bj's natural-resources
        // department (valid in every other way) and one for tj's market regulator.
        var flat = new IssueLicenseRequest
        {
            LicenseType = "real-estate-certificate", IssuingDepartment = "bj-natural-resources", HolderId = "110108198805051234", RequestId = "import-flat-1",
        };
        flat.Fields.Add([
            LicenseClient.Field("certificate_number", "京(2026)海淀区不动产权第0099999号"), LicenseClient.Field("owner_name", "王海淀"),
            LicenseClient.Field("owner_id_number", "110108198805051234"), LicenseClient.Field("location", "北京市海淀区中关村南大街5号院"),
            LicenseClient.Field("unit_number", "110108001001GB00001F00010601"), LicenseClient.Field("right_type", "国有建设用地使用权/房屋所有权"),
            LicenseClient.Field("usage", "住宅"), LicenseClient.Field("area_sqm", "89.5")]);
        var tianjin = Imports.BusinessLicence("MA0TJ", 3);
        tianjin.IssuingDepartment = "tj-samr";

        // Act
        var results = await Imports.RunAsync(_node.Channel, [Imports.Row(1, flat), Imports.Row(2, Imports.BusinessLicence("MA0OWN", 2)), Imports.Row(3, tianjin)]);

        // Assert
        foreach (var row in new ulong[] { 1, 3 })
        {
            Assert.That((results[row].Error?.Code, results[row].Error?.Reason), Is.EqualTo(("PERMISSION_DENIED", "WRONG_DEPARTMENT")), $"row {row}");
            Assert.That(results[row].Error!.Message, Does.Contain("certificate").And.Contain("bj-samr"), $"row {row}");
        }
        Assert.That(results[2].Issued?.LicenseId, Does.StartWith("BJ-"));
        var issued = await IssuedEntriesAsync();
        Assert.That(issued.Where(e => e.LicenseType == "real-estate-certificate" || e.IssuingDepartment != "bj-samr"), Is.Empty, "nothing of rows 1 and 3 is on the log");
        Assert.That(issued.Select(e => e.LicenseId), Does.Contain(results[2].Issued.LicenseId));
    }

    [Test]
    public async Task ImportLicenses_ClerkCertificate_PermissionDeniedBeforeAnyRow()
    {
        // Arrange
        using var clerk = _ca.IssueClient("bj", "bj-samr", "clerk");
        using var channel = _node.CreateChannel(clerk);
        var size = await _client.TreeSizeAsync();

        // Act
        var error = Assert.ThrowsAsync<RpcException>(() => Imports.RunAsync(channel, Imports.BusinessLicences("MA0CLERK", 3)));

        // Assert
        Assert.That((error!.StatusCode, error.ErrorInfo()?.Reason), Is.EqualTo((StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED")), error.Status.Detail);
        Assert.That(await _client.TreeSizeAsync(), Is.EqualTo(size));
    }

    [Test]
    public async Task ImportLicenses_SecondImportWhileOneIsOpen_ResourceExhaustedNodeBusy()
    {
        // Arrange: one import open (Node:MaxConcurrentImports is 1), its first row answered.
        var licences = new LicenseService.LicenseServiceClient(_node.Channel);
        using var open = licences.ImportLicenses();
        await open.RequestStream.WriteAsync(Imports.BusinessLicences("MA0OPEN", 1)[0]);
        Assert.That(await open.ResponseStream.MoveNext(), Is.True);
        var answered = open.ResponseStream.Current;

        // Act
        var error = Assert.ThrowsAsync<RpcException>(() => Imports.RunAsync(_node.Channel, Imports.BusinessLicences("MA0SECOND", 1)));
        await open.RequestStream.CompleteAsync();
        var rest = await open.ResponseStream.ReadAllAsync().ToListAsync();
        var after = await Imports.RunAsync(_node.Channel, Imports.BusinessLicences("MA0AFTER", 1));

        // Assert
        Assert.That((error!.StatusCode, error.ErrorInfo()?.Reason), Is.EqualTo((StatusCode.ResourceExhausted, "NODE_BUSY")), error.Status.Detail);
        Assert.That(error.Status.Detail, Does.Contain("Node:MaxConcurrentImports"));
        Assert.That(answered.Issued, Is.Not.Null);
        Assert.That(rest, Is.Empty);
        Assert.That(after[1].Issued, Is.Not.Null, "the slot is free again once the first import ended");
    }

    [Test]
    public async Task ImportLicenses_MessageThatDoesNotParse_InvalidArgumentNamingTheRowBefore()
    {
        // Arrange: a valid row 41, then bytes that are no ImportLicensesRequest (field 1 as a truncated varint).
        var raw = new Method<byte[], ImportLicensesResponse>(MethodType.DuplexStreaming, "regional.v1.LicenseService", "ImportLicenses",
            Marshallers.Create(b => b, b => b), Marshallers.Create(r => r.ToByteArray(), ImportLicensesResponse.Parser.ParseFrom));
        using var call = _node.Channel.CreateCallInvoker().AsyncDuplexStreamingCall(raw, null, new CallOptions());

        // Act
        var valid = Imports.BusinessLicences("MA0PARSE", 41)[^1];
        await call.RequestStream.WriteAsync(valid.ToByteArray());
        await call.RequestStream.WriteAsync([0x08, 0xFF]);
        var error = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.ReadAllAsync().ToListAsync());

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), error.Status.Detail);
        Assert.That(error.Status.Detail, Does.Contain("after row 41"));
    }

    [Test]
    public async Task ImportLicenses_RowsPastIssueLicenseLimits_RefusedAsIssueLicenseRefusesThem()
    {
        // Arrange: a field value over 4,096 characters (refused by the row's checks), then a row over the node's
        // message limit (Node:MaxRequestBytes, 256 KiB here), which cannot be read at all and so ends the call.
        var longValue = Imports.BusinessLicence("MA0LONG", 1);
        longValue.Fields[0].Value = new string('长', 5_000);
        var huge = Imports.BusinessLicence("MA0HUGE", 2);
        huge.Fields[0].Value = new string('x', 300_000);
        var size = await _client.TreeSizeAsync();

        // Act
        var refused = await Imports.RunAsync(_node.Channel, [Imports.Row(1, longValue)]);
        var error = Assert.ThrowsAsync<RpcException>(() => Imports.RunAsync(_node.Channel, [Imports.Row(2, huge)]));

        // Assert
        Assert.That(refused[1].Error.FieldViolations.Select(v => v.Field), Is.EqualTo(new[] { "fields[0].value" }), refused[1].ToString());
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted), error.Status.Detail);
        Assert.That(await _client.TreeSizeAsync(), Is.EqualTo(size));
    }

    /// <summary>Every LicenseIssued entry of the node's own log.</summary>
    private async Task<List<LicenseIssued>> IssuedEntriesAsync()
    {
        using var stream = _client.Ledger.GetBlocks(new GetBlocksRequest());
        var blocks = await stream.ResponseStream.ReadAllAsync().ToListAsync();
        return [.. blocks.SelectMany(b => b.Entries).Select(e => LedgerEntry.Parser.ParseFrom(e)).Where(e => e.LicenseIssued is not null).Select(e => e.LicenseIssued)];
    }
}

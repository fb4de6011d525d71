using Google.Protobuf.WellKnownTypes;
using Regional.LicenseVerifier.Bundles;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Node.Tests.Licenses;

/// <summary>One real node on loopback (TLS, SQLite in a temp folder): the licence lifecycle.</summary>
[TestFixture("gm")]
[TestFixture("intl")]
public class LicenseLifecycleTests(string suite)
{
    private TestNode _node = null!;
    private LicenseClient _client = null!;
    private ManualClock _clock = null!;

    [OneTimeSetUp]
    public async Task StartNode()
    {
        _clock = new ManualClock(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        _node = await TestNode.StartAsync(new TestNodeOptions { Region = "bj", Suite = suite, Clock = _clock, Settings = { ["Node:BlockIntervalMs"] = "20" } });
        _client = new LicenseClient(_node.Channel);
    }

    [OneTimeTearDown]
    public async Task StopNode() => await _node.DisposeAsync();

    [Test]
    public async Task IssueLicense_ThenVerify_ValidAndBundleVerifiesOffline()
    {
        var issued = await _client.IssueAsync();

        var verified = await _client.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = issued.LicenseId });
        var offline = BundleVerifier.Verify(verified.Proof, await _client.TrustPolicyAsync(suite), _clock.GetUtcNow());

        Assert.Multiple(() =>
        {
            Assert.That(issued.LicenseId, Does.Match("^BJ-2026-[0-9]{6}$"));
            Assert.That(issued.Receipt.Checkpoint.TreeSize, Is.GreaterThan(issued.Receipt.LeafIndex));
            Assert.That(verified.Status, Is.EqualTo(VerificationStatus.Valid));
            Assert.That(verified.IssuingRegion, Is.EqualTo("bj"));
            Assert.That(verified.CheckpointSize, Is.EqualTo(verified.Proof.TreeSize));
            Assert.That(offline.IsValid, Is.True, offline.Detail);
            Assert.That(offline.Status, Is.EqualTo(VerificationStatus.Valid));
        });
    }

    [Test]
    public async Task ChangeLicenseStatus_Revoke_VerifiesRevokedOnlineAndOffline()
    {
        var issued = await _client.IssueAsync();

        await ChangeStatus(issued.LicenseId, LicenseStatus.Revoked);
        var verified = await _client.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = issued.LicenseId });
        var offline = BundleVerifier.Verify(verified.Proof, await _client.TrustPolicyAsync(suite), _clock.GetUtcNow());

        Assert.That(verified.Status, Is.EqualTo(VerificationStatus.Revoked));
        Assert.That(offline.Status, Is.EqualTo(VerificationStatus.Revoked), offline.Detail);
    }

    [Test]
    public async Task ChangeLicenseStatus_SuspendThenReinstate_SuspendedThenValid()
    {
        var issued = await _client.IssueAsync();

        await ChangeStatus(issued.LicenseId, LicenseStatus.Suspended);
        var suspended = await _client.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = issued.LicenseId });
        await ChangeStatus(issued.LicenseId, LicenseStatus.Active);
        var reinstated = await _client.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = issued.LicenseId });

        Assert.That(suspended.Status, Is.EqualTo(VerificationStatus.Suspended));
        Assert.That(reinstated.Status, Is.EqualTo(VerificationStatus.Valid));
        Assert.That(reinstated.Proof.StatusEntries, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task ChangeLicenseStatus_RevokedLicence_FailedPrecondition()
    {
        var issued = await _client.IssueAsync();
        await ChangeStatus(issued.LicenseId, LicenseStatus.Revoked);

        var error = Assert.ThrowsAsync<Grpc.Core.RpcException>(() => ChangeStatus(issued.LicenseId, LicenseStatus.Active));

        Assert.That(error!.StatusCode, Is.EqualTo(Grpc.Core.StatusCode.FailedPrecondition));
    }

    [Test]
    public async Task VerifyLicense_PastValidity_Expired()
    {
        var request = LicenseClient.BusinessLicence();
        request.Validity.NotAfter = Timestamp.FromDateTimeOffset(_clock.GetUtcNow().AddDays(30));
        var issued = await _client.IssueAsync(request);
        var before = await _client.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = issued.LicenseId });

        _clock.Advance(TimeSpan.FromDays(31));
        var after = await _client.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = issued.LicenseId });

        Assert.That(before.Status, Is.EqualTo(VerificationStatus.Valid));
        Assert.That(after.Status, Is.EqualTo(VerificationStatus.Expired));
    }

    [Test]
    public async Task VerifyLicense_PresentedDocument_MatchesAndOneChangedCharacterMismatches()
    {
        var issued = await _client.IssueAsync();
        var download = await _client.Licenses.DownloadLicenseAsync(new DownloadLicenseRequest { LicenseId = issued.LicenseId });
        var name = download.Document.Fields.Single(f => f.Name == "company_name");

        var good = new VerifyLicenseRequest { LicenseId = issued.LicenseId, Disclosed = { name } };
        var tampered = new VerifyLicenseRequest { LicenseId = issued.LicenseId, Disclosed = { new DisclosedField(name) { Value = name.Value.Replace("科技", "科枝", StringComparison.Ordinal) } } };
        var goodAnswer = await _client.Licenses.VerifyLicenseAsync(good);
        var tamperedAnswer = await _client.Licenses.VerifyLicenseAsync(tampered);
        var offline = BundleVerifier.Verify(download.Proof, await _client.TrustPolicyAsync(suite), _clock.GetUtcNow(), [.. tampered.Disclosed]);

        Assert.Multiple(() =>
        {
            Assert.That(goodAnswer.Status, Is.EqualTo(VerificationStatus.Valid));
            Assert.That(goodAnswer.FieldChecks.Single().Matches, Is.True);
            Assert.That(tamperedAnswer.Status, Is.EqualTo(VerificationStatus.Mismatch));
            Assert.That(tamperedAnswer.FieldChecks.Single().Matches, Is.False);
            Assert.That(offline.Status, Is.EqualTo(VerificationStatus.Mismatch));
        });
    }

    [Test]
    public async Task VerifyLicense_FactCheckWithoutSalts_AnsweredPerField()
    {
        var issued = await _client.IssueAsync();

        var answer = await _client.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest
        {
            LicenseId = issued.LicenseId,
            Disclosed =
            {
                new DisclosedField { Name = "legal_representative", Value = "张三" },
                new DisclosedField { Name = "address", Value = "北京市朝阳区示例路2号" },
            },
        });

        Assert.That(answer.Status, Is.EqualTo(VerificationStatus.Mismatch));
        Assert.That(answer.FieldChecks.Select(f => (f.Name, f.Matches)), Is.EqualTo(new[] { ("legal_representative", true), ("address", false) }));
    }

    [Test]
    public async Task VerifyLicense_UnknownId_NotFound()
    {
        var answer = await _client.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = "BJ-2026-999999" });

        Assert.That(answer.Status, Is.EqualTo(VerificationStatus.NotFound));
    }

    [Test]
    public async Task AmendLicense_NewVersion_OldVersionStaysProvable()
    {
        var issued = await _client.IssueAsync();
        var amend = new AmendLicenseRequest { LicenseId = issued.LicenseId, IssuingDepartment = "bj-samr" };
        amend.Fields.Add(LicenseClient.BusinessLicence().Fields);
        amend.Fields.Single(f => f.Name == "address").Value = "北京市海淀区新址路8号";

        var amended = await _client.Licenses.AmendLicenseAsync(amend);
        var old = await _client.Ledger.GetInclusionProofAsync(new GetInclusionProofRequest { LeafIndex = issued.Receipt.LeafIndex });
        var license = await _client.Licenses.GetLicenseAsync(new GetLicenseRequest { LicenseId = issued.LicenseId });

        Assert.That(amended.Version, Is.EqualTo(2));
        Assert.That(license.Version, Is.EqualTo(2));
        Assert.That(license.History.Select(h => h.Kind), Is.EqualTo(new[] { "issued", "amended" }));
        Assert.That(LicenseVerifier.Merkle.MerkleTree.VerifyInclusion(
            LicenseVerifier.Crypto.Suite.FromName(suite)!, old.Proof.LeafIndex, old.Proof.TreeSize,
            LicenseVerifier.Crypto.Suite.FromName(suite)!.HashLeaf(old.Entry.Span),
            [.. old.Proof.Hashes.Select(h => h.ToByteArray())], old.Checkpoint.RootHash.Span).IsValid, Is.True);
    }

    [Test]
    public async Task QueryLicenses_ByHolder_FindsOnlyThatHoldersLicences()
    {
        var holder = "91110105MA0QUERY01";
        var first = await _client.IssueAsync(LicenseClient.BusinessLicence(holder: holder, name: "查询甲公司"));
        await _client.IssueAsync(LicenseClient.BusinessLicence(holder: "91110105MA0OTHER02", name: "其他公司"));

        var found = await _client.Licenses.QueryLicensesAsync(new QueryLicensesRequest { HolderId = holder });

        Assert.That(found.Licenses.Select(l => l.LicenseId), Is.EqualTo(new[] { first.LicenseId }));
    }

    private Task<ChangeLicenseStatusResponse> ChangeStatus(string licenseId, LicenseStatus status) =>
        _client.Licenses.ChangeLicenseStatusAsync(new ChangeLicenseStatusRequest
        {
            LicenseId = licenseId,
            Status = status,
            Reason = StatusReason.Compliance,
            IssuingDepartment = "bj-samr",
        }).ResponseAsync;
}

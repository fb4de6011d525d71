using Google.Protobuf.WellKnownTypes;
using Regional.LicenseVerifier.Bundles;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Node.Tests.Licenses;

/// <summary>One real node on loopback (TLS, SQLite in a temp folder): the licence lifecycle.</summary>
[TestFixture("gm", "sqlite")]
[TestFixture("intl", "sqlite")]
[TestFixture("gm", "postgres")]
public class LicenseLifecycleTests(string suite, string storage) : SingleNodeFixture("bj", suite, storage)
{
    [Test]
    public async Task IssueLicense_ThenVerify_ValidAndBundleVerifiesOffline()
    {
        var issued = await Client.IssueAsync();

        var verified = await Client.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = issued.LicenseId });
        var offline = BundleVerifier.Verify(verified.Proof, await Client.TrustPolicyAsync(SuiteName), Clock.GetUtcNow());

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
        var issued = await Client.IssueAsync();

        await Client.ChangeStatusAsync(issued.LicenseId, LicenseStatus.Revoked);
        var verified = await Client.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = issued.LicenseId });
        var offline = BundleVerifier.Verify(verified.Proof, await Client.TrustPolicyAsync(SuiteName), Clock.GetUtcNow());

        Assert.That(verified.Status, Is.EqualTo(VerificationStatus.Revoked));
        Assert.That(offline.Status, Is.EqualTo(VerificationStatus.Revoked), offline.Detail);
    }

    [Test]
    public async Task ChangeLicenseStatus_SuspendThenReinstate_SuspendedThenValid()
    {
        var issued = await Client.IssueAsync();

        await Client.ChangeStatusAsync(issued.LicenseId, LicenseStatus.Suspended);
        var suspended = await Client.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = issued.LicenseId });
        await Client.ChangeStatusAsync(issued.LicenseId, LicenseStatus.Active);
        var reinstated = await Client.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = issued.LicenseId });

        Assert.That(suspended.Status, Is.EqualTo(VerificationStatus.Suspended));
        Assert.That(reinstated.Status, Is.EqualTo(VerificationStatus.Valid));
        Assert.That(reinstated.Proof.StatusEntries, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task ChangeLicenseStatus_RevokedLicence_FailedPrecondition()
    {
        var issued = await Client.IssueAsync();
        await Client.ChangeStatusAsync(issued.LicenseId, LicenseStatus.Revoked);

        var error = Assert.ThrowsAsync<Grpc.Core.RpcException>(() => Client.ChangeStatusAsync(issued.LicenseId, LicenseStatus.Active));

        Assert.That(error!.StatusCode, Is.EqualTo(Grpc.Core.StatusCode.FailedPrecondition));
    }

    [Test]
    public async Task VerifyLicense_PastValidity_Expired()
    {
        var request = LicenseClient.BusinessLicence();
        request.Validity.NotAfter = Timestamp.FromDateTimeOffset(Clock.GetUtcNow().AddDays(30));
        var issued = await Client.IssueAsync(request);
        var before = await Client.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = issued.LicenseId });

        Clock.Advance(TimeSpan.FromDays(31));
        var after = await Client.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = issued.LicenseId });

        Assert.That(before.Status, Is.EqualTo(VerificationStatus.Valid));
        Assert.That(after.Status, Is.EqualTo(VerificationStatus.Expired));
    }

    [Test]
    public async Task VerifyLicense_PresentedDocument_MatchesAndOneChangedCharacterMismatches()
    {
        var issued = await Client.IssueAsync();
        var download = await Client.Licenses.DownloadLicenseAsync(new DownloadLicenseRequest { LicenseId = issued.LicenseId });
        var name = download.Document.Fields.Single(f => f.Name == "company_name");

        var good = new VerifyLicenseRequest { LicenseId = issued.LicenseId, Disclosed = { name } };
        var tampered = new VerifyLicenseRequest { LicenseId = issued.LicenseId, Disclosed = { new DisclosedField(name) { Value = name.Value.Replace("科技", "科枝", StringComparison.Ordinal) } } };
        var goodAnswer = await Client.Licenses.VerifyLicenseAsync(good);
        var tamperedAnswer = await Client.Licenses.VerifyLicenseAsync(tampered);
        var offline = BundleVerifier.Verify(download.Proof, await Client.TrustPolicyAsync(SuiteName), Clock.GetUtcNow(), [.. tampered.Disclosed]);

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
        var issued = await Client.IssueAsync();

        var answer = await Client.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest
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
        var answer = await Client.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = "BJ-2026-999999" });

        Assert.That(answer.Status, Is.EqualTo(VerificationStatus.NotFound));
    }

    [Test]
    public async Task AmendLicense_NewVersion_OldVersionStaysProvable()
    {
        var issued = await Client.IssueAsync();
        var amend = new AmendLicenseRequest { LicenseId = issued.LicenseId, IssuingDepartment = "bj-samr" };
        amend.Fields.Add(LicenseClient.BusinessLicence().Fields);
        amend.Fields.Single(f => f.Name == "address").Value = "北京市海淀区新址路8号";

        var amended = await Client.Licenses.AmendLicenseAsync(amend);
        var old = await Client.Ledger.GetInclusionProofAsync(new GetInclusionProofRequest { LeafIndex = issued.Receipt.LeafIndex });
        var license = await Client.Licenses.GetLicenseAsync(new GetLicenseRequest { LicenseId = issued.LicenseId });

        Assert.That(amended.Version, Is.EqualTo(2));
        Assert.That(license.Version, Is.EqualTo(2));
        Assert.That(license.History.Select(h => h.Kind), Is.EqualTo(new[] { "issued", "amended" }));
        Assert.That(LicenseVerifier.Merkle.MerkleTree.VerifyInclusion(
            LicenseVerifier.Crypto.Suite.FromName(SuiteName)!, old.Proof.LeafIndex, old.Proof.TreeSize,
            LicenseVerifier.Crypto.Suite.FromName(SuiteName)!.HashLeaf(old.Entry.Span),
            [.. old.Proof.Hashes.Select(h => h.ToByteArray())], old.Checkpoint.RootHash.Span).IsValid, Is.True);
    }

    [Test]
    public async Task QueryLicenses_ByHolder_FindsOnlyThatHoldersLicences()
    {
        var holder = "91110105MA0QUERY01";
        var first = await Client.IssueAsync(LicenseClient.BusinessLicence(holder: holder, name: "查询甲公司"));
        await Client.IssueAsync(LicenseClient.BusinessLicence(holder: "91110105MA0OTHER02", name: "其他公司"));

        var found = await Client.Licenses.QueryLicensesAsync(new QueryLicensesRequest { HolderId = holder });

        Assert.That(found.Licenses.Select(l => l.LicenseId), Is.EqualTo(new[] { first.LicenseId }));
    }
}

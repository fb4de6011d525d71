using Regional.LicenseVerifier.Bundles;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Node.Tests.Licenses;

/// <summary>What a node acknowledged survives a restart, and nothing personal is stored in clear.</summary>
public class DurabilityTests
{
    [TestCase("gm")]
    [TestCase("intl")]
    public async Task Restart_EveryLicenceBlockAndProofStillThere_RootUnchanged(string suite)
    {
        await using var node = await TestNode.StartAsync(new TestNodeOptions { Region = "tj", Suite = suite });
        var client = new LicenseClient(node.Channel);
        var issued = new List<IssueLicenseResponse>();
        for (var i = 0; i < 12; i++)
        {
            issued.Add(await client.IssueAsync(LicenseClient.BusinessLicence("tj", $"91120000MA0{i:D7}", $"天津第{i}公司")));
        }
        var before = await client.Ledger.GetCheckpointAsync(new GetCheckpointRequest());

        await node.RestartAsync();
        client = new LicenseClient(node.Channel);
        var after = await client.Ledger.GetCheckpointAsync(new GetCheckpointRequest());
        var policy = await client.TrustPolicyAsync(suite);
        var again = await client.IssueAsync(LicenseClient.BusinessLicence("tj", "91120000MA0AFTER01", "重启后公司"));

        Assert.That(after.Checkpoint.RootHash, Is.EqualTo(before.Checkpoint.RootHash));
        Assert.That(after.Checkpoint.TreeSize, Is.EqualTo(before.Checkpoint.TreeSize));
        foreach (var license in issued)
        {
            var verified = await client.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = license.LicenseId });
            Assert.That(verified.Status, Is.EqualTo(VerificationStatus.Valid), license.LicenseId);
            Assert.That(BundleVerifier.Verify(verified.Proof, policy, node.Clock.GetUtcNow()).IsValid, Is.True, license.LicenseId);
        }
        var consistency = await client.Ledger.GetConsistencyProofAsync(new GetConsistencyProofRequest { FirstSize = before.Checkpoint.TreeSize });
        Assert.That(LicenseVerifier.Merkle.MerkleTree.VerifyConsistency(policy.Suite, before.Checkpoint.TreeSize, consistency.Proof.SecondSize,
            before.Checkpoint.RootHash.Span, consistency.Checkpoint.RootHash.Span, [.. consistency.Proof.Hashes.Select(h => h.ToByteArray())]).IsValid, Is.True);
        Assert.That(again.LicenseId, Is.Not.AnyOf(issued.Select(i => i.LicenseId).ToArray()));
    }

    [Test]
    public async Task SqliteFiles_AfterIssuingKnownPersonalData_HoldNoneOfItInClear()
    {
        string[] secrets = ["张三丰", "110101199003071234", "北京市东城区秘密胡同7号", "91110105MA0SECRET9"];
        await using var node = await TestNode.StartAsync(new TestNodeOptions { Region = "bj" });
        var client = new LicenseClient(node.Channel);
        var request = LicenseClient.BusinessLicence(holder: secrets[3], name: "保密测试公司");
        request.Fields.Single(f => f.Name == "legal_representative").Value = secrets[0];
        request.Fields.Single(f => f.Name == "address").Value = secrets[2];
        var property = new IssueLicenseRequest { LicenseType = "real-estate-certificate", IssuingDepartment = "bj-natural-resources", HolderId = secrets[1] };
        property.Fields.Add([
            LicenseClient.Field("certificate_number", "京(2026)东城区不动产权第0000007号"), LicenseClient.Field("owner_name", secrets[0]),
            LicenseClient.Field("owner_id_number", secrets[1]), LicenseClient.Field("location", secrets[2]),
            LicenseClient.Field("unit_number", "110101001001GB00001F00010001"), LicenseClient.Field("right_type", "国有建设用地使用权/房屋所有权"),
            LicenseClient.Field("usage", "住宅"), LicenseClient.Field("area_sqm", "89.5")]);

        await client.IssueAsync(request);
        await client.IssueAsync(property);
        await node.StopAsync();
        var files = Directory.GetFiles(node.DataDirectory, "*", SearchOption.AllDirectories);
        var contents = files.Select(f => (f, File.ReadAllBytes(f))).ToList();

        Assert.That(files.Where(f => f.EndsWith(".db", StringComparison.Ordinal)), Is.Not.Empty);
        foreach (var secret in secrets)
        {
            foreach (var encoding in new[] { System.Text.Encoding.UTF8, System.Text.Encoding.Unicode })
            {
                var needle = encoding.GetBytes(secret);
                foreach (var (file, bytes) in contents)
                {
                    Assert.That(bytes.AsSpan().IndexOf(needle), Is.EqualTo(-1), $"'{secret}' found in clear in {file}");
                }
            }
        }
    }
}

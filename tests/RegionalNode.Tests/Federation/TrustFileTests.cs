using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.Node.Federation.Trust;
using Regional.Node.Tests.Support;

namespace Regional.Node.Tests.Federation;

/// <summary>A node refuses to start on an inconsistent trust file, and says what is wrong.</summary>
public class TrustFileTests
{
    private static TrustFileRegion Region(string id, Suite suite, out PrivateKey log)
    {
        log = PrivateKey.Generate(suite.SignatureAlgorithm);
        var witness = PrivateKey.Generate(suite.SignatureAlgorithm);
        var origin = $"regional.example/{id}";
        return new TrustFileRegion
        {
            Id = id,
            Name = id,
            Endpoint = $"https://127.0.0.1:71{id.Length}{(int)id[0] % 10}",
            Origin = origin,
            LogKeys = [NoteVerifier.Create(origin, log.PublicKey).VerifierKey],
            WitnessKeys = [NoteVerifier.Create($"{origin}/witness", witness.PublicKey, NoteKeyKind.Cosignature).VerifierKey],
        };
    }

    private static TrustFile Valid() => new()
    {
        Suite = "gm",
        WitnessQuorum = 1,
        Regions = [Region("bj", Suite.Gm, out _), Region("tj", Suite.Gm, out _), Region("he", Suite.Gm, out _)],
    };

    [Test]
    public void Check_ValidFile_GivesPolicyWithEveryRegion()
    {
        var (trust, problems) = FederationTrust.Check(Valid());

        Assert.That(problems, Is.Empty);
        Assert.That(trust!.Policy.Logs.Select(l => l.Region), Is.EqualTo(new[] { "bj", "tj", "he" }));
        Assert.That(trust.Policy.WitnessQuorum, Is.EqualTo(1));
    }

    private static IEnumerable<TestCaseData> Broken()
    {
        yield return new TestCaseData((Func<TrustFile, TrustFile>)(f => f with { Suite = "rsa" }), "suite").SetName("Check_UnknownSuite_Refused");
        yield return new TestCaseData((Func<TrustFile, TrustFile>)(f => f with { WitnessQuorum = 3 }), "witnessQuorum").SetName("Check_QuorumAboveOtherRegions_Refused");
        yield return new TestCaseData((Func<TrustFile, TrustFile>)(f => f with { Regions = [f.Regions[0], f.Regions[0] with { Endpoint = "https://127.0.0.1:1" }] }), "id 'bj' appears more than once").SetName("Check_DuplicateRegion_Refused");
        yield return new TestCaseData((Func<TrustFile, TrustFile>)(f => f with { Regions = [f.Regions[0] with { Id = "sh" }, f.Regions[1]] }), "want bj, tj or he").SetName("Check_UnknownRegionId_Refused");
        yield return new TestCaseData((Func<TrustFile, TrustFile>)(f => f with { Regions = [f.Regions[0] with { LogKeys = f.Regions[0].WitnessKeys }, f.Regions[1]] }), "want a Signature key").SetName("Check_WitnessKeyAsLogKey_Refused");
        yield return new TestCaseData((Func<TrustFile, TrustFile>)(f => f with { Regions = [f.Regions[0] with { LogKeys = f.Regions[1].LogKeys }, f.Regions[1]] }), "not named for the origin").SetName("Check_LogKeyOfAnotherOrigin_Refused");
        yield return new TestCaseData((Func<TrustFile, TrustFile>)(f => f with { Regions = [f.Regions[0] with { Endpoint = "ftp://x" }, f.Regions[1]] }), "endpoint").SetName("Check_BadEndpoint_Refused");
        yield return new TestCaseData((Func<TrustFile, TrustFile>)(f => f with { Regions = [f.Regions[0] with { LogKeys = ["not-a-key"] }, f.Regions[1]] }), "not-a-key").SetName("Check_MalformedKey_Refused");
        yield return new TestCaseData((Func<TrustFile, TrustFile>)(f => f with { Suite = "intl" }), "want Ed25519").SetName("Check_KeysOfAnotherSuite_Refused");
    }

    [TestCaseSource(nameof(Broken))]
    public void Check_InconsistentFile_ProblemNamed(Delegate spoil, string expected)
    {
        var (trust, problems) = FederationTrust.Check(((Func<TrustFile, TrustFile>)spoil)(Valid()));

        Assert.That(trust, Is.Null);
        Assert.That(string.Join("\n", problems), Does.Contain(expected));
    }

    [Test]
    public async Task Start_TrustFileWithoutThisNodesKey_RefusesToStart()
    {
        var folder = Path.Combine(Path.GetTempPath(), "regional-tests", $"trust-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "trust.json");
        await File.WriteAllTextAsync(path, Valid().ToJson());
        var node = TestNode.Create(new TestNodeOptions { Region = "bj", Settings = { ["Federation:TrustFile"] = path } });
        try
        {
            var error = Assert.CatchAsync<Exception>(node.StartAsync);

            Assert.That(error!.ToString(), Does.Contain("does not match this node").And.Contain("logKeys"));
        }
        finally
        {
            await node.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}

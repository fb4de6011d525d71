using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.LicenseVerifier.Trust;

namespace Regional.LicenseVerifier.Tests.Trust;

/// <summary>An inconsistent trust file is refused with every problem named; a consistent one gives
/// the offline trust policy. The node refuses to start on the former (RegionalNode.Tests TrustFileTests).</summary>
public class FederationTrustTests
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

    [Test]
    public void Check_FiveRegionsWithADistrictNodeAndANewMember_GivesPolicyWithEveryRegion()
    {
        var file = Valid() with
        {
            WitnessQuorum = 2,
            Regions = [.. Valid().Regions, Region("hd", Suite.Gm, out _) with { Endpoint = "https://127.0.0.1:7104" },
                Region("xa", Suite.Gm, out _) with { Endpoint = "https://127.0.0.1:7105" }],
        };

        var (trust, problems) = FederationTrust.Check(file);

        Assert.That(problems, Is.Empty);
        Assert.That(trust!.Policy.Logs.Select(l => l.Region), Is.EqualTo(new[] { "bj", "tj", "he", "hd", "xa" }));
        Assert.That(trust.Policy.WitnessQuorum, Is.EqualTo(2));
    }

    private static IEnumerable<TestCaseData> Broken()
    {
        yield return new TestCaseData((Func<TrustFile, TrustFile>)(f => f with { Suite = "rsa" }), "suite").SetName("Check_UnknownSuite_Refused");
        yield return new TestCaseData((Func<TrustFile, TrustFile>)(f => f with { WitnessQuorum = 3 }), "witnessQuorum").SetName("Check_QuorumAboveOtherRegions_Refused");
        yield return new TestCaseData((Func<TrustFile, TrustFile>)(f => f with { Regions = [f.Regions[0], f.Regions[0] with { Endpoint = "https://127.0.0.1:1" }] }), "id 'bj' appears more than once").SetName("Check_DuplicateRegion_Refused");
        yield return new TestCaseData((Func<TrustFile, TrustFile>)(f => f with { Regions = [f.Regions[0] with { Id = "Sh-1" }, f.Regions[1]] }), "want 2 to 8 lower-case letters").SetName("Check_MalformedRegionId_Refused");
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
    public void Check_CaCertificateWithoutLocator_KeptAsWrittenAndUnchecked()
    {
        // Act: a relying party that checks bundles offline has no CA file to find.
        var (trust, problems) = FederationTrust.Check(Valid() with { CaCertificate = "ca/ca.crt" });

        // Assert
        Assert.That(problems, Is.Empty);
        Assert.That(trust!.CaCertificatePath, Is.EqualTo("ca/ca.crt"));
    }

    [Test]
    public void Check_CaCertificateLocated_PathFromTheLocator()
    {
        // Act
        var (trust, problems) = FederationTrust.Check(Valid() with { CaCertificate = "ca/ca.crt" }, relative => ($"/fed/{relative}", true));

        // Assert
        Assert.That(problems, Is.Empty);
        Assert.That(trust!.CaCertificatePath, Is.EqualTo("/fed/ca/ca.crt"));
    }

    [Test]
    public void Check_CaCertificateMissing_ProblemNamesWhereItWasLooked()
    {
        // Act
        var (trust, problems) = FederationTrust.Check(Valid() with { CaCertificate = "ca/ca.crt" }, relative => ($"/fed/{relative}", false));

        // Assert
        Assert.That(trust, Is.Null);
        Assert.That(problems, Is.EqualTo(new[] { "caCertificate: no file at /fed/ca/ca.crt" }));
    }

    [Test]
    public void Check_NoCaCertificate_LocatorNotAsked()
    {
        // Act
        var (trust, problems) = FederationTrust.Check(Valid(), _ => throw new AssertionException("no caCertificate to locate"));

        // Assert
        Assert.That(problems, Is.Empty);
        Assert.That(trust!.CaCertificatePath, Is.Null);
    }

    [Test]
    public void Parse_ToJsonOfAFile_SameFile()
    {
        // Arrange
        var file = Valid() with { CaCertificate = "ca/ca.crt" };

        // Act
        var parsed = TrustFile.Parse(file.ToJson());

        // Assert
        Assert.That(parsed.IsSuccess, Is.True, parsed.Error);
        Assert.That(parsed.Value!.ToJson(), Is.EqualTo(file.ToJson()));
    }

    [Test]
    public void Parse_CommentsAndTrailingCommas_Accepted()
    {
        // Act
        var parsed = TrustFile.Parse("""
            // the federation
            { "suite": "gm", "witnessQuorum": 0, "regions": [], }
            """);

        // Assert
        Assert.That(parsed.IsSuccess, Is.True, parsed.Error);
        Assert.That((parsed.Value!.Suite, parsed.Value.WitnessQuorum), Is.EqualTo(("gm", 0)));
    }

    [TestCase("null", "empty")]
    [TestCase("{ \"suite\": ", "")]
    [TestCase("[1, 2]", "")]
    [TestCase("{ \"witnessQuorum\": \"one\" }", "witnessQuorum")]
    public void Parse_NotATrustFile_FailsWithReason(string json, string reason)
    {
        // Act
        var parsed = TrustFile.Parse(json);

        // Assert
        Assert.That(parsed.IsSuccess, Is.False);
        Assert.That(parsed.Value, Is.Null);
        Assert.That(parsed.Error, Is.Not.Empty.And.Contain(reason));
    }
}

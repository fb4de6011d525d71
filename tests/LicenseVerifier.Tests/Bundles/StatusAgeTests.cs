using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.LicenseVerifier.Trust;

namespace Regional.LicenseVerifier.Tests.Bundles;

/// <summary>The maximum status age as written in the trust file (maxStatusAge) and on the command line:
/// a whole positive number and one of s, m, h, d; anything else is refused by name, and an absent
/// value is a day.</summary>
public class StatusAgeTests
{
    [TestCase("90s", 90)]
    [TestCase("30m", 30 * 60)]
    [TestCase("2h", 2 * 3600)]
    [TestCase("7d", 7 * 86_400)]
    [TestCase("1s", 1)]
    [TestCase("0024h", 24 * 3600)]
    public void Parse_NumberAndUnit_Duration(string text, int seconds) =>
        Assert.That(StatusAge.Parse(text), Is.EqualTo(TimeSpan.FromSeconds(seconds)));

    [TestCase(null)]
    [TestCase("")]
    [TestCase("24")]
    [TestCase("h")]
    [TestCase("0h")]
    [TestCase("-1h")]
    [TestCase("+1h")]
    [TestCase("1.5h")]
    [TestCase("24H")]
    [TestCase("1w")]
    [TestCase(" 24h")]
    [TestCase("24h ")]
    [TestCase("1,000h")]
    [TestCase("１h")]
    [TestCase("1234567890123h")]
    public void Parse_NotANumberAndUnit_Null(string? text) => Assert.That(StatusAge.Parse(text), Is.Null);

    [TestCase("99999999d")]
    [TestCase("99999999999h")]
    [TestCase("99999999999m")]
    public void Parse_BeyondTimeSpan_Null(string text) => Assert.That(StatusAge.Parse(text), Is.Null);

    [TestCase("90s", 90)]
    [TestCase("45m", 45 * 60)]
    [TestCase("7d", 7 * 86_400)]
    public void Check_TrustFileMaxStatusAge_InPolicy(string text, int seconds)
    {
        var (trust, problems) = FederationTrust.Check(File() with { MaxStatusAge = text });

        Assert.That(problems, Is.Empty);
        Assert.That(trust!.Policy.MaxStatusAge, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [Test]
    public void Check_TrustFileWithoutMaxStatusAge_OneDay()
    {
        var (trust, problems) = FederationTrust.Check(File());

        Assert.That(problems, Is.Empty);
        Assert.That(trust!.Policy.MaxStatusAge, Is.EqualTo(TimeSpan.FromHours(24)));
    }

    [TestCase("")]
    [TestCase("24")]
    [TestCase("0d")]
    [TestCase("1y")]
    [TestCase("one day")]
    public void Check_TrustFileBadMaxStatusAge_ProblemNamesField(string text)
    {
        var (trust, problems) = FederationTrust.Check(File() with { MaxStatusAge = text });

        Assert.That(trust, Is.Null);
        Assert.That(problems, Has.One.StartsWith($"maxStatusAge: got '{text}'"));
    }

    [Test]
    public void Parse_TrustFileJson_MaxStatusAgeRead()
    {
        var json = File().ToJson().Replace("\"witnessQuorum\"", "\"maxStatusAge\": \"36h\",\n  \"witnessQuorum\"", StringComparison.Ordinal);

        var file = TrustFile.Parse(json);
        var (trust, problems) = FederationTrust.Check(file.Value!);

        Assert.That(problems, Is.Empty);
        Assert.That(trust!.Policy.MaxStatusAge, Is.EqualTo(TimeSpan.FromHours(36)));
    }

    private static TrustFile File() => new()
    {
        Suite = "intl",
        WitnessQuorum = 1,
        Regions = [Region("bj"), Region("tj"), Region("he")],
    };

    private static TrustFileRegion Region(string id)
    {
        var origin = $"regional.example/{id}";
        return new TrustFileRegion
        {
            Id = id,
            Name = id,
            Endpoint = $"https://127.0.0.1:71{id.Length}{id[0] % 10}",
            Origin = origin,
            LogKeys = [NoteVerifier.Create(origin, PrivateKey.Generate(SignatureAlgorithm.Ed25519).PublicKey).VerifierKey],
            WitnessKeys = [NoteVerifier.Create($"{origin}/witness", PrivateKey.Generate(SignatureAlgorithm.Ed25519).PublicKey, NoteKeyKind.Cosignature).VerifierKey],
        };
    }
}

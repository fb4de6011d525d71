using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.LicenseVerifier.Trust;

namespace Regional.LicenseVerifier.Tests.Trust;

/// <summary>The trust file's key history: retiredLogKeys reach the policy in order with their last
/// sizes; a file without them still loads; inconsistent histories are refused with the problem named.</summary>
public class TrustFileRetiredKeyTests
{
    private const string Origin = "regional.example/bj";

    private static string NewKey(string origin = Origin) => NoteVerifier.Create(origin, PrivateKey.Generate(SignatureAlgorithm.Sm2).PublicKey).VerifierKey;

    private static TrustFile File(IReadOnlyList<TrustFileRetiredKey>? retired, string? current = null) => new()
    {
        Suite = "gm",
        WitnessQuorum = 0,
        Regions =
        [
            new TrustFileRegion
            {
                Id = "bj", Name = "bj", Endpoint = "https://127.0.0.1:7101", Origin = Origin,
                LogKeys = [current ?? NewKey()],
                WitnessKeys = [NoteVerifier.Create($"{Origin}/witness", PrivateKey.Generate(SignatureAlgorithm.Sm2).PublicKey, NoteKeyKind.Cosignature).VerifierKey],
                RetiredLogKeys = retired,
            },
        ],
    };

    [Test]
    public void Check_RetiredKeysInOrder_PolicyBoundsEach()
    {
        var (first, second) = (NewKey(), NewKey());

        var (trust, problems) = FederationTrust.Check(File([new() { Key = first, LastTreeSize = 10 }, new() { Key = second, LastTreeSize = 42 }]));

        Assert.That(problems, Is.Empty);
        Assert.That(trust!.Policy.Logs[0].RetiredIssuerKeys.Select(r => (r.Key.VerifierKey, r.LastTreeSize)), Is.EqualTo(new[] { (first, 10UL), (second, 42UL) }));
    }

    [Test]
    public void Check_NoRetiredKeys_LoadsAsBefore()
    {
        var (trust, problems) = FederationTrust.Check(File(null));

        Assert.That(problems, Is.Empty);
        Assert.That(trust!.Policy.Logs[0].RetiredIssuerKeys, Is.Empty);
        Assert.That(File(null).ToJson(), Does.Not.Contain("retiredLogKeys"));
    }

    [TestCase("order", "oldest first", TestName = "Check_RetiredKeysOutOfOrder_Refused")]
    [TestCase("current", "also in logKeys", TestName = "Check_RetiredKeyAlsoCurrent_Refused")]
    [TestCase("origin", "not named for the origin", TestName = "Check_RetiredKeyOfAnotherOrigin_Refused")]
    [TestCase("malformed", "not-a-key", TestName = "Check_RetiredKeyMalformed_Refused")]
    public void Check_InconsistentHistory_ProblemNamed(string spoil, string expected)
    {
        var current = NewKey();
        TrustFileRetiredKey[] retired = spoil switch
        {
            "order" => [new() { Key = NewKey(), LastTreeSize = 42 }, new() { Key = NewKey(), LastTreeSize = 10 }],
            "current" => [new() { Key = current, LastTreeSize = 42 }],
            "origin" => [new() { Key = NewKey("regional.example/tj"), LastTreeSize = 42 }],
            _ => [new() { Key = "not-a-key", LastTreeSize = 42 }],
        };

        var (trust, problems) = FederationTrust.Check(File(retired, current));

        Assert.That(trust, Is.Null);
        Assert.That(problems, Has.Some.Contains("retiredLogKeys").And.Some.Contains(expected));
    }
}

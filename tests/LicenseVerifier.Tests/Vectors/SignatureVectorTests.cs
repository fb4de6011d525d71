using System.Text.Json.Nodes;
using Regional.LicenseVerifier.Crypto;
using static Regional.LicenseVerifier.Tests.Vectors.VectorFiles;

namespace Regional.LicenseVerifier.Tests.Vectors;

/// <summary>signatures-SUITE.json: public key encodings and raw SM2 / Ed25519 signatures.</summary>
public class SignatureVectorTests
{
    private static IEnumerable<TestCaseData> Signatures() => Cases("signatures", "signatures");

    private static IEnumerable<TestCaseData> PublicKeys() => Cases("signatures", "publicKeys");

    [TestCaseSource(nameof(PublicKeys))]
    public void TryCreate_VectorKey_GivesExpectedValidity(Suite suite, JsonObject vector, JsonObject file)
    {
        var valid = PublicKey.TryCreate(suite.SignatureAlgorithm, Hex(vector["publicKey"]), out _, out var error);

        Assert.That(valid, Is.EqualTo(vector["valid"]!.GetValue<bool>()), error);
    }

    [TestCaseSource(nameof(Signatures))]
    public void Verify_VectorSignature_GivesExpectedValidity(Suite suite, JsonObject vector, JsonObject file)
    {
        var key = PublicKey.Create(suite.SignatureAlgorithm, Hex(vector["publicKey"]));

        var valid = key.Verify(Hex(vector["message"]), Hex(vector["signature"]));

        Assert.That(valid, Is.EqualTo(vector["valid"]!.GetValue<bool>()));
    }
}

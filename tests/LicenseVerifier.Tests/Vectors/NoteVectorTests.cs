using System.Globalization;
using System.Text.Json.Nodes;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using static Regional.LicenseVerifier.Tests.Vectors.VectorFiles;

namespace Regional.LicenseVerifier.Tests.Vectors;

/// <summary>notes-SUITE.json: verifier keys and key IDs, signed notes, checkpoint bodies, issuer signatures
/// and witness cosignatures.</summary>
public class NoteVectorTests
{
    private static IEnumerable<TestCaseData> Keys() => Cases("notes", "verifierKeys");

    private static IEnumerable<TestCaseData> Notes() => Cases("notes", "notes");

    [TestCaseSource(nameof(Keys))]
    public void TryParse_VectorVerifierKey_GivesExpectedKey(Suite suite, JsonObject vector, JsonObject file)
    {
        var valid = NoteVerifier.TryParse(vector["text"]!.GetValue<string>(), out var key, out var error);

        Assert.That(valid, Is.EqualTo(vector["valid"]!.GetValue<bool>()), error);
        if (valid)
        {
            Assert.That(key!.KeyId.ToString("x8", CultureInfo.InvariantCulture), Is.EqualTo(vector["keyId"]!.GetValue<string>()));
            Assert.That(key.Kind.ToString(), Is.EqualTo(vector["kind"]!.GetValue<string>()));
            Assert.That(Convert.ToHexStringLower(key.PublicKey.Bytes), Is.EqualTo(vector["publicKey"]!.GetValue<string>()));
        }
    }

    [TestCaseSource(nameof(Notes))]
    public void Parse_VectorNote_GivesExpectedChecks(Suite suite, JsonObject vector, JsonObject file)
    {
        var expect = vector["expect"]!;
        var note = SignedNote.Parse(vector["note"]!.GetValue<string>());

        Assert.That(note.IsSuccess ? "ok" : "malformed", Is.EqualTo(expect["note"]!.GetValue<string>()), note.Error);
        if (!note.IsSuccess)
        {
            return;
        }
        var issuer = Verifier(file["issuer"]);
        var witnesses = file["witnesses"]!.AsArray().Select(Verifier).ToList();
        var body = Checkpoint.ParseBody(note.Value!.Text);
        var cosignatures = NoteVerification.VerifyCosignatures(note.Value, witnesses);
        Assert.Multiple(() =>
        {
            Assert.That(body.IsSuccess, Is.EqualTo(expect["checkpoint"] is not null), body.Error);
            if (body.IsSuccess)
            {
                Assert.That(body.Value!.Origin, Is.EqualTo(expect["checkpoint"]!["origin"]!.GetValue<string>()));
                Assert.That(body.Value.Size.ToString(CultureInfo.InvariantCulture), Is.EqualTo(expect["checkpoint"]!["size"]!.GetValue<string>()));
                Assert.That(Convert.ToBase64String(body.Value.RootHash.Span), Is.EqualTo(expect["checkpoint"]!["rootHash"]!.GetValue<string>()));
            }
            Assert.That(NoteVerification.VerifyIssuer(note.Value, issuer).Failure.ToString(), Is.EqualTo(expect["issuer"]!.GetValue<string>()));
            Assert.That(cosignatures.Verified.Select(c => $"{c.Name}@{c.Time.ToUnixTimeSeconds()}"),
                Is.EqualTo(expect["cosignatures"]!.AsArray().Select(c => $"{c!["name"]}@{c["time"]}")));
            Assert.That(cosignatures.Failed.Select(c => c.Name), Is.EqualTo(expect["failedCosignatures"]!.AsArray().Select(c => c!.GetValue<string>())));
        });
    }

    private static NoteVerifier Verifier(JsonNode? text) =>
        NoteVerifier.TryParse(text!.GetValue<string>(), out var key, out var error) ? key! : throw new AssertionException(error!);
}

using System.Globalization;
using System.Text.Json.Nodes;
using Regional.LicenseVerifier.Notes;

namespace Regional.Vectors;

/// <summary>Collects note vectors, each with the verdicts of LicenseVerifier's note parser, checkpoint
/// parser, issuer check and cosignature check.</summary>
internal sealed class NoteCases(VectorKey issuer, IReadOnlyList<VectorKey> witnesses)
{
    public JsonArray Json { get; } = [];

    /// <summary>A note of <paramref name="text"/> with these signature lines.</summary>
    public void Add(string name, string text, params NoteSignature[] signatures) =>
        AddText(name, $"{text}\n{string.Concat(signatures.Select(s => s.ToLine()))}");

    /// <summary>A note given whole.</summary>
    public void AddText(string name, string note)
    {
        var parsed = SignedNote.Parse(note);
        var expect = new JsonObject { ["note"] = parsed.IsSuccess ? "ok" : "malformed" };
        if (parsed.IsSuccess)
        {
            var body = Checkpoint.ParseBody(parsed.Value!.Text);
            expect["checkpoint"] = body.IsSuccess ? new JsonObject
            {
                ["origin"] = body.Value!.Origin,
                ["size"] = body.Value.Size.ToString(CultureInfo.InvariantCulture),
                ["rootHash"] = Convert.ToBase64String(body.Value.RootHash.Span),
                ["extensions"] = new JsonArray([.. body.Value.Extensions.Select(e => (JsonNode)e)]),
            } : null;
            expect["issuer"] = NoteVerification.VerifyIssuer(parsed.Value, issuer.Verifier).Failure.ToString();
            var cosignatures = NoteVerification.VerifyCosignatures(parsed.Value, [.. witnesses.Select(w => w.Verifier)]);
            expect["cosignatures"] = new JsonArray([.. cosignatures.Verified.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["time"] = c.Time.ToUnixTimeSeconds(),
            })]);
            expect["failedCosignatures"] = new JsonArray([.. cosignatures.Failed.Select(f => (JsonNode)f.Name)]);
        }
        else
        {
            expect["issuer"] = NoteFailure.Malformed.ToString();
        }
        Json.Add(new JsonObject { ["name"] = name, ["note"] = note, ["expect"] = expect });
    }
}

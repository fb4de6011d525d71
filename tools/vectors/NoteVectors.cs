using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using static Regional.Vectors.VectorFile;

namespace Regional.Vectors;

/// <summary>notes-SUITE.json: note verifier keys with their key IDs (good and bad texts), and signed
/// checkpoints with cosignatures: good, and each kind of bad signature, cosignature, note and body,
/// with what LicenseVerifier's parsers and NoteVerification say.</summary>
internal static class NoteVectors
{
    public const ulong CosignedAt = 1_780_300_740; // 2026-06-01T07:59:00Z

    public static JsonObject Create(Suite suite)
    {
        var issuer = VectorKey.Create(suite, "regional.example/bj", NoteKeyKind.Signature, "bj-log");
        var tj = VectorKey.Create(suite, "witness.regional.example/tj", NoteKeyKind.Cosignature, "tj-witness");
        var he = VectorKey.Create(suite, "witness.regional.example/he", NoteKeyKind.Cosignature, "he-witness");
        var stranger = VectorKey.Create(suite, "stranger.example/log", NoteKeyKind.Signature, "stranger");
        var body = new Checkpoint("regional.example/bj", 12, suite.Hash("regional notes"u8)).ToBody();
        var cases = new NoteCases(issuer, [tj, he]);

        cases.Add("signed by the issuer, cosigned by two witnesses", body, issuer.SignNote(body), tj.Cosign(body, CosignedAt), he.Cosign(body, CosignedAt + 5));
        cases.Add("signed by the issuer, no cosignature", body, issuer.SignNote(body));
        cases.Add("with a checkpoint extension line", body + "extension line\n", issuer.SignNote(body + "extension line\n"));
        cases.Add("a signature by an unknown key is ignored", body, stranger.SignNote(body), issuer.SignNote(body));
        cases.Add("the issuer's name with another key ID is another key: ignored", body, issuer.SignNote(body) with { KeyId = issuer.KeyId ^ 1 }, issuer.SignNote(body));
        cases.Add("no signature by the issuer", body, stranger.SignNote(body));
        cases.Add("the issuer's signature with one bit flipped", body, Flip(issuer.SignNote(body)));
        cases.Add("the issuer's signature of another text", body, issuer.SignNote(body + "x\n"));
        cases.Add("a cosignature with one bit flipped", body, issuer.SignNote(body), Flip(tj.Cosign(body, CosignedAt)), he.Cosign(body, CosignedAt));
        cases.Add("a cosignature whose time was changed after signing", body, issuer.SignNote(body), Retime(tj.Cosign(body, CosignedAt), CosignedAt + 1));
        cases.Add("a cosignature of 8 bytes: a time and no signature", body, issuer.SignNote(body), new NoteSignature(tj.Name, tj.KeyId, new byte[8]));
        cases.Add("a cosignature time of 2^63", body, issuer.SignNote(body), Retime(tj.Cosign(body, CosignedAt), 1UL << 63));
        cases.Add("a valid cosignature at a time beyond year 9999", body, issuer.SignNote(body), tj.Cosign(body, 253_402_300_800));
        cases.Add("a witness key's plain signature instead of a cosignature", body, issuer.SignNote(body), tj.SignNote(body));
        cases.Add("a cosignature of another checkpoint", body, issuer.SignNote(body), tj.Cosign(body.Replace("\n12\n", "\n13\n", StringComparison.Ordinal), CosignedAt));

        var line = issuer.SignNote(body).ToLine();
        cases.AddText("no final newline", $"{body}\n{line}"[..^1]);
        cases.AddText("no blank line before the signatures", body + line);
        cases.AddText("a blank line and no signature", body + "\n");
        cases.AddText("a hyphen instead of the em dash", $"{body}\n- {line[2..]}");
        cases.AddText("base64 with stray bits in its padding", $"{body}\n{line}\u2014 unknown AAAAAap=\n");
        cases.AddText("a signature of 4 bytes: a key ID and nothing", $"{body}\n{line}\u2014 unknown AAAAAA==\n");
        cases.AddText("two signatures by the same name and key ID", $"{body}\n{line}{line}");
        cases.AddText("a '+' in a key name", $"{body}\n{line}\u2014 un+known AAAAAAE=\n");
        cases.AddText("101 signature lines", $"{body}\n{line}{string.Concat(Enumerable.Range(0, 100).Select(i => $"\u2014 k{i} AAAAAAE=\n"))}");
        cases.AddText("a carriage return in the text", $"{body.Replace("\n12\n", "\n12\r\n", StringComparison.Ordinal)}\n{line}");

        foreach (var (name, text) in new[]
        {
            ("body: a size with a leading zero", body.Replace("\n12\n", "\n012\n", StringComparison.Ordinal)),
            ("body: a negative size", body.Replace("\n12\n", "\n-1\n", StringComparison.Ordinal)),
            ("body: a size of 2^64", body.Replace("\n12\n", "\n18446744073709551616\n", StringComparison.Ordinal)),
            ("body: a root hash of 31 bytes", $"regional.example/bj\n12\n{Convert.ToBase64String(new byte[31])}\n"),
            ("body: origin and size only", "regional.example/bj\n12\n"),
            ("body: an empty extension line", body + "\nextension\n"),
            ("body: an empty origin", body["regional.example/bj".Length..]),
        })
        {
            cases.Add(name, text, issuer.SignNote(text));
        }

        return new JsonObject
        {
            ["suite"] = suite.Name,
            ["description"] = "c2sp.org/signed-note, tlog-checkpoint and tlog-cosignature (cosignature/v1) with the suite's keys. For each note: whether it parses, its checkpoint body (or null when it is not one), the issuer check (a NoteFailure) and the cosignatures of the witnesses.",
            ["keys"] = new JsonArray([.. new[] { issuer, tj, he, stranger }.Select(KeyJson)]),
            ["verifierKeys"] = VerifierKeyVectors.Create(suite, issuer, tj),
            ["issuer"] = issuer.Verifier.VerifierKey,
            ["witnesses"] = new JsonArray(tj.Verifier.VerifierKey, he.Verifier.VerifierKey),
            ["notes"] = cases.Json,
        };
    }

    public static JsonObject KeyJson(VectorKey key) => new()
    {
        ["name"] = key.Name,
        ["kind"] = key.Verifier.Kind.ToString(),
        ["publicKey"] = Hex(key.Key.PublicKey.Bytes),
        ["keyId"] = key.KeyId.ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
        ["verifierKey"] = key.Verifier.VerifierKey,
    };

    private static NoteSignature Flip(NoteSignature signature)
    {
        var bytes = signature.Signature.ToArray();
        bytes[^1] ^= 0x01;
        return signature with { Signature = bytes };
    }

    private static NoteSignature Retime(NoteSignature cosignature, ulong seconds)
    {
        var bytes = cosignature.Signature.ToArray();
        BinaryPrimitives.WriteUInt64BigEndian(bytes, seconds);
        return cosignature with { Signature = bytes };
    }
}

using System.Text;
using System.Text.Json.Nodes;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;

namespace Regional.Vectors;

/// <summary>Verifier key texts, good and bad, with what NoteVerifier.TryParse says.</summary>
internal static class VerifierKeyVectors
{
    public static JsonArray Create(Suite suite, VectorKey log, VectorKey witness)
    {
        var good = log.Verifier.VerifierKey;
        var parts = good.Split('+', 3);
        var material = Convert.FromBase64String(parts[2]);
        var (name, keyId) = (parts[0], parts[1]);
        var texts = new List<(string Name, string Text)>
        {
            ("a log (signature) key", good),
            ("a witness (cosignature) key", witness.Verifier.VerifierKey),
            ("the key ID of another key", $"{name}+{(log.KeyId ^ 1):x8}+{parts[2]}"),
            ("the key ID in upper case", $"{name}+{keyId.ToUpperInvariant()}+{parts[2]}"),
            ("a key ID of 7 digits", $"{name}+{keyId[1..]}+{parts[2]}"),
            ("another name for the same key", $"regional.example/tj+{keyId}+{parts[2]}"),
            ("a space inside the base64", $"{name}+{keyId}+{parts[2][..8]} {parts[2][8..]}"),
            ("an unknown type byte", Rebuild(name, [0x07, .. material[1..]])),
            ("one key byte short", Rebuild(name, material[..^1])),
            ("a space in the name", Rebuild("regional example/bj", material)),
            ("two parts only", $"{name}+{keyId}"),
            ("a key of the other suite's algorithm", VectorKey.Create(suite == Suite.Gm ? Suite.Intl : Suite.Gm, name, NoteKeyKind.Signature, "bj-log").Verifier.VerifierKey),
        };
        if (suite.SignatureAlgorithm == SignatureAlgorithm.Sm2)
        {
            var point = material[^65..];
            texts.Add(("an SM2 point not on the curve", Rebuild(name, [.. material[..^1], (byte)(material[^1] ^ 1)])));
            texts.Add(("the SM2 signature type with the cosignature identifier's length", Rebuild(name, [.. Encoding.ASCII.GetBytes("\u00ffregional/sm2-cosignature/v1").Take(13), .. point])));
        }
        return [.. texts.Select(t => (JsonNode)Json(t.Name, t.Text))];
    }

    /// <summary>A text with a key ID computed for whatever bytes it holds, so only the bytes are wrong.</summary>
    private static string Rebuild(string name, byte[] material)
    {
        var hash = System.Security.Cryptography.SHA256.HashData([.. Encoding.UTF8.GetBytes(name), 0x0A, .. material]);
        return $"{name}+{Convert.ToHexStringLower(hash[..4])}+{Convert.ToBase64String(material)}";
    }

    private static JsonObject Json(string name, string text)
    {
        var ok = NoteVerifier.TryParse(text, out var key, out _);
        var result = new JsonObject { ["name"] = name, ["text"] = text, ["valid"] = ok };
        if (ok)
        {
            result["algorithm"] = key!.PublicKey.Algorithm.ToString();
            result["kind"] = key.Kind.ToString();
            result["keyName"] = key.Name;
            result["keyId"] = key.KeyId.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
            result["publicKey"] = Convert.ToHexStringLower(key.PublicKey.Bytes);
        }
        return result;
    }
}

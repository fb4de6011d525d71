using System.Text;
using System.Text.Json.Nodes;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Math;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using static Regional.Vectors.VectorFile;

namespace Regional.Vectors;

/// <summary>signatures-SUITE.json: public key encodings and raw signatures (SM2 with SM3, the default user
/// id and DER; Ed25519), good and bad, each with what LicenseVerifier's PublicKey says.</summary>
internal static class SignatureVectors
{
    /// <summary>The order n of sm2p256v1, and the order L of the Ed25519 group.</summary>
    private static readonly BigInteger Sm2Order = new("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123", 16);
    private static readonly BigInteger Ed25519Order = BigInteger.Two.Pow(252).Add(new BigInteger("27742317777372353535851937790883648493"));

    public static JsonObject Create(Suite suite)
    {
        var key = VectorKey.Create(suite, "signer", NoteKeyKind.Signature, "signature-vectors");
        var other = VectorKey.Create(suite, "other", NoteKeyKind.Signature, "signature-vectors-other");
        var message = Encoding.UTF8.GetBytes("regional.example/bj\n42\n" + Convert.ToBase64String(suite.Hash([])) + "\n");
        var good = key.Sign(message);
        var cases = new JsonArray
        {
            Case(key, "a good signature", message, good),
            Case(key, "the signature of another message", Encoding.UTF8.GetBytes("another message\n"), good),
            Case(other, "checked with another key", message, good),
            Case(key, "one bit flipped in the last byte", message, FlipLast(good)),
        };
        if (suite.SignatureAlgorithm == SignatureAlgorithm.Sm2)
        {
            var (r, s) = Split(good);
            cases.Add(Case(key, "DER with a trailing byte", message, [.. good, 0x00]));
            cases.Add(Case(key, "DER with r padded by a needless zero byte (not minimal)", message, Der(Integer([0x00, .. Minimal(r)]), Integer(Minimal(s)))));
            cases.Add(Case(key, "r and s as 64 raw bytes instead of DER", message, [.. Fixed(r), .. Fixed(s)]));
            cases.Add(Case(key, "r and s swapped", message, Der(Integer(Minimal(s)), Integer(Minimal(r)))));
            cases.Add(Case(key, "r = 0", message, Der(Integer([0x00]), Integer(Minimal(s)))));
            cases.Add(Case(key, "s + n instead of s", message, Der(Integer(Minimal(r)), Integer(Minimal(s.Add(Sm2Order))))));
            cases.Add(Case(key, "signed with another user id in ZA (ALICE123@YAHOO.COM)", message, key.Sign(message, Encoding.ASCII.GetBytes("ALICE123@YAHOO.COM"))));
        }
        else
        {
            var s = new BigInteger(1, good[32..].Reverse().ToArray());
            var big = s.Add(Ed25519Order).ToByteArrayUnsigned().Reverse().ToArray();
            var padded = new byte[32];
            big.CopyTo(padded, 0);
            cases.Add(Case(key, "S + L instead of S (not canonical)", message, [.. good[..32], .. padded]));
            cases.Add(Case(key, "63 bytes", message, good[..63]));
            cases.Add(Case(key, "65 bytes", message, [.. good, 0x00]));
        }
        return new JsonObject
        {
            ["suite"] = suite.Name,
            ["algorithm"] = suite.SignatureAlgorithm.ToString(),
            ["description"] = suite.SignatureAlgorithm == SignatureAlgorithm.Sm2
                ? "SM2 (GB/T 32918) with SM3 and user id \"1234567812345678\"; public keys 0x04 || X || Y; signatures DER SEQUENCE { r, s }, strict. valid is LicenseVerifier's PublicKey.Verify."
                : "Ed25519 (RFC 8032), strict. valid is LicenseVerifier's PublicKey.Verify.",
            ["publicKeys"] = PublicKeys(suite, key),
            ["signatures"] = cases,
        };
    }

    private static JsonArray PublicKeys(Suite suite, VectorKey key)
    {
        var bytes = key.Key.PublicKey.Bytes.ToArray();
        var keys = new List<(string Name, byte[] Bytes)> { ("the signer's key", bytes), ("one byte short", bytes[..^1]) };
        if (suite.SignatureAlgorithm == SignatureAlgorithm.Sm2)
        {
            keys.Add(("compressed point (0x02/0x03 || X)", [(byte)(2 + (bytes[^1] & 1)), .. bytes[1..33]]));
            keys.Add(("Y changed: not on the curve", [.. bytes[..^1], (byte)(bytes[^1] ^ 0x01)]));
            keys.Add(("first byte 0x05", [0x05, .. bytes[1..]]));
        }
        else
        {
            keys.Add(("y = 2: not a curve point", [0x02, .. new byte[31]]));
        }
        return [.. keys.Select(k => (JsonNode)new JsonObject
        {
            ["name"] = k.Name,
            ["publicKey"] = Hex(k.Bytes),
            ["valid"] = PublicKey.TryCreate(suite.SignatureAlgorithm, k.Bytes, out _, out _),
        })];
    }

    private static JsonObject Case(VectorKey key, string name, byte[] message, byte[] signature) => new()
    {
        ["name"] = name,
        ["publicKey"] = Hex(key.Key.PublicKey.Bytes),
        ["message"] = Hex(message),
        ["signature"] = Hex(signature),
        ["valid"] = key.Key.PublicKey.Verify(message, signature),
    };

    private static byte[] FlipLast(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        copy[^1] ^= 0x01;
        return copy;
    }

    private static (BigInteger R, BigInteger S) Split(byte[] der)
    {
        var sequence = (Asn1Sequence)Asn1Object.FromByteArray(der);
        return (((DerInteger)sequence[0]).PositiveValue, ((DerInteger)sequence[1]).PositiveValue);
    }

    /// <summary>The minimal two's-complement bytes of a non-negative integer, as DER wants them.</summary>
    private static byte[] Minimal(BigInteger value) => value.ToByteArray();

    private static byte[] Fixed(BigInteger value)
    {
        var bytes = value.ToByteArrayUnsigned();
        var result = new byte[32];
        bytes.CopyTo(result, 32 - bytes.Length);
        return result;
    }

    private static byte[] Integer(byte[] content) => [0x02, (byte)content.Length, .. content];

    private static byte[] Der(byte[] r, byte[] s) => [0x30, (byte)(r.Length + s.Length), .. r, .. s];
}

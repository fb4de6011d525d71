using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Digests;
using Regional.V1;
using static Regional.Vectors.VectorFile;

namespace Regional.Vectors;

/// <summary>digests-SUITE.json: field digests H(salt || UTF-8 name || 0x00 || UTF-8 value), and disclosure
/// checks against committed digests with FieldDigests.Check's per-field outcomes.</summary>
internal static class DigestVectors
{
    private static readonly (string Name, string Value)[] Fields =
    [
        ("address", "北京市朝阳区示例路1号"),
        ("company_name", "示例科技有限公司"),
        ("credit_code", "91110105MA01ABCD2X"),
        ("established_on", "2020-05-01"),
        ("legal_representative", "张三"),
        ("remark", ""),
        ("name_nfc", "Jos\u00e9"),
        ("name_nfd", "Jose\u0301"),
        ("vehicle", "京A·12345 🚗"),
    ];

    public static JsonObject Create(Suite suite)
    {
        var salts = Fields.Select((f, i) => Salt(suite, i)).ToArray();
        var committed = Fields.Select((f, i) => new FieldDigest { Name = f.Name, Digest = ByteString.CopyFrom(FieldDigests.Compute(suite, salts[i], f.Name, f.Value)) }).ToList();
        var disclosed = Fields.Select((f, i) => new DisclosedField { Name = f.Name, Value = f.Value, Salt = ByteString.CopyFrom(salts[i]) }).ToList();
        var compute = new JsonArray([.. Fields.Select((f, i) => (JsonNode)new JsonObject
        {
            ["name"] = f.Name,
            ["value"] = f.Value,
            ["salt"] = Hex(salts[i]),
            ["preimage"] = Hex([.. salts[i], .. Encoding.UTF8.GetBytes(f.Name), 0x00, .. Encoding.UTF8.GetBytes(f.Value)]),
            ["digest"] = Hex(committed[i].Digest.Span),
        })]);
        var checks = new JsonArray
        {
            Check(suite, "every field disclosed as issued", committed, disclosed),
            Check(suite, "two fields disclosed", committed, [disclosed[1], disclosed[2]]),
            Check(suite, "nothing disclosed", committed, []),
            Check(suite, "a value changed", committed, [disclosed[1], With(disclosed[2], value: "91110105MA01ABCD2Y")]),
            Check(suite, "a trailing space", committed, [With(disclosed[1], value: disclosed[1].Value + " ")]),
            Check(suite, "the value in NFD where NFC was committed", committed, [With(disclosed[6], value: "Jose\u0301")]),
            Check(suite, "the salt of another field", committed, [With(disclosed[1], salt: salts[2])]),
            Check(suite, "a salt of 15 bytes", committed, [With(disclosed[1], salt: salts[1][..15])]),
            Check(suite, "no salt (a fact check)", committed, [With(disclosed[1], salt: [])]),
            Check(suite, "a field the licence does not commit", committed, [disclosed[1], new DisclosedField { Name = "holder_phone", Value = "13800000000", Salt = ByteString.CopyFrom(salts[0]) }]),
            Check(suite, "a field disclosed twice", committed, [disclosed[1], disclosed[1]]),
            Check(suite, "a name committed twice", [.. committed, committed[0]], [disclosed[1]]),
        };
        return new JsonObject
        {
            ["suite"] = suite.Name,
            ["description"] = "digest = H(salt || UTF-8(name) || 0x00 || UTF-8(value)), salt 16 bytes, exact UTF-8 with no normalisation. checks: committed digests, disclosed fields, and the result: error (the disclosure as a whole is malformed), or per field Match, Mismatch, NotCommitted or BadSalt; valid when no error and every field matches.",
            ["compute"] = compute,
            ["checks"] = checks,
        };
    }

    private static byte[] Salt(Suite suite, int index) => suite.Hash(Encoding.UTF8.GetBytes($"salt {index}"))[..FieldDigests.SaltSize];

    private static DisclosedField With(DisclosedField field, string? value = null, byte[]? salt = null) =>
        new(field) { Value = value ?? field.Value, Salt = salt is null ? field.Salt : ByteString.CopyFrom(salt) };

    private static JsonObject Check(Suite suite, string name, List<FieldDigest> committed, List<DisclosedField> disclosed)
    {
        var check = FieldDigests.Check(suite, committed, disclosed);
        return new JsonObject
        {
            ["name"] = name,
            ["committed"] = new JsonArray([.. committed.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["digest"] = Hex(c.Digest.Span) })]),
            ["disclosed"] = new JsonArray([.. disclosed.Select(d => (JsonNode)new JsonObject { ["name"] = d.Name, ["value"] = d.Value, ["salt"] = Hex(d.Salt.Span) })]),
            ["expect"] = new JsonObject
            {
                ["valid"] = check.IsValid,
                ["error"] = check.Error is not null,
                ["fields"] = new JsonArray([.. check.Fields.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["outcome"] = f.Outcome.ToString() })]),
            },
        };
    }
}

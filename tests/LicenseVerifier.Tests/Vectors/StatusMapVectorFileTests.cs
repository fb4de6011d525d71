using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.StatusMap;
using Regional.V1;
using static Regional.LicenseVerifier.Tests.Vectors.VectorFiles;

namespace Regional.LicenseVerifier.Tests.Vectors;

/// <summary>statusmap-SUITE.json: map entry encodings, keys and hashes, and membership paths.</summary>
public class StatusMapVectorFileTests
{
    private static IEnumerable<TestCaseData> Entries() => Cases("statusmap", "entries");

    private static IEnumerable<TestCaseData> Proofs() => Cases("statusmap", "proofs");

    [TestCaseSource(nameof(Entries))]
    public void Encode_VectorEntry_GivesVectorBytesAndHashes(Suite suite, JsonObject vector, JsonObject file)
    {
        var entry = Entry(vector);
        var value = StatusMapHashing.Encode(entry);
        var key = StatusMapHashing.Key(suite, entry.LicenseId);

        Assert.That(Convert.ToHexStringLower(value), Is.EqualTo(vector["value"]!.GetValue<string>()));
        Assert.That(Convert.ToHexStringLower(key), Is.EqualTo(vector["key"]!.GetValue<string>()));
        Assert.That(Convert.ToHexStringLower(StatusMapHashing.ValueHash(suite, value)), Is.EqualTo(vector["valueHash"]!.GetValue<string>()));
        Assert.That(Convert.ToHexStringLower(StatusMapHashing.LeafHash(suite, key, StatusMapHashing.ValueHash(suite, value))), Is.EqualTo(vector["leafHash"]!.GetValue<string>()));
    }

    [TestCaseSource(nameof(Proofs))]
    public void Problem_VectorPath_GivesExpectedValidity(Suite suite, JsonObject vector, JsonObject file)
    {
        var entry = Entry(vector["entry"]!.AsObject());
        var proof = new StatusMapProof(HexArray(vector["siblings"]), StatusMapHashing.Encode(entry));

        var problem = proof.Problem(suite, Hex(vector["root"]), StatusMapHashing.Key(suite, entry.LicenseId));

        Assert.That(problem is null, Is.EqualTo(vector["valid"]!.GetValue<bool>()), problem);
    }

    private static StatusMapEntry Entry(JsonObject json)
    {
        var entry = new StatusMapEntry
        {
            LicenseId = json["licenseId"]!.GetValue<string>(),
            Status = System.Enum.Parse<LicenseStatus>(json["status"]!.GetValue<string>(), ignoreCase: true),
            Version = json["version"]!.GetValue<uint>(),
            LeafIndex = json["leafIndex"]!.GetValue<ulong>(),
        };
        if (json["notAfter"] is { } end)
        {
            entry.NotAfter = new Timestamp { Seconds = end["seconds"]!.GetValue<long>(), Nanos = end["nanos"]!.GetValue<int>() };
        }
        return entry;
    }
}

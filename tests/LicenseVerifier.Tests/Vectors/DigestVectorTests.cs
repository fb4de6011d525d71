using System.Text.Json.Nodes;
using Google.Protobuf;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Digests;
using Regional.V1;
using static Regional.LicenseVerifier.Tests.Vectors.VectorFiles;

namespace Regional.LicenseVerifier.Tests.Vectors;

/// <summary>digests-SUITE.json: field digests and disclosure checks.</summary>
public class DigestVectorTests
{
    private static IEnumerable<TestCaseData> Computations() => Cases("digests", "compute");

    private static IEnumerable<TestCaseData> Checks() => Cases("digests", "checks");

    [TestCaseSource(nameof(Computations))]
    public void Compute_VectorField_GivesVectorDigest(Suite suite, JsonObject vector, JsonObject file)
    {
        var digest = FieldDigests.Compute(suite, Hex(vector["salt"]), vector["name"]!.GetValue<string>(), vector["value"]!.GetValue<string>());

        Assert.That(Convert.ToHexStringLower(digest), Is.EqualTo(vector["digest"]!.GetValue<string>()));
        Assert.That(Convert.ToHexStringLower(suite.Hash(Hex(vector["preimage"]))), Is.EqualTo(vector["digest"]!.GetValue<string>()));
    }

    [TestCaseSource(nameof(Checks))]
    public void Check_VectorDisclosure_GivesExpectedOutcomes(Suite suite, JsonObject vector, JsonObject file)
    {
        var committed = vector["committed"]!.AsArray().Select(c => new FieldDigest { Name = c!["name"]!.GetValue<string>(), Digest = ByteString.CopyFrom(Hex(c["digest"])) }).ToList();
        var disclosed = vector["disclosed"]!.AsArray().Select(d => new DisclosedField
        {
            Name = d!["name"]!.GetValue<string>(),
            Value = d["value"]!.GetValue<string>(),
            Salt = ByteString.CopyFrom(Hex(d["salt"])),
        }).ToList();

        var check = FieldDigests.Check(suite, committed, disclosed);

        var expect = vector["expect"]!;
        Assert.That(check.IsValid, Is.EqualTo(expect["valid"]!.GetValue<bool>()), check.ToString());
        Assert.That(check.Error is not null, Is.EqualTo(expect["error"]!.GetValue<bool>()));
        Assert.That(check.Fields.Select(f => $"{f.Name}: {f.Outcome}"), Is.EqualTo(expect["fields"]!.AsArray().Select(f => $"{f!["name"]}: {f["outcome"]}")));
    }
}

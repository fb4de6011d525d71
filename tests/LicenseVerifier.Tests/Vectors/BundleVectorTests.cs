using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Trust;
using Regional.V1;
using static Regional.LicenseVerifier.Tests.Vectors.VectorFiles;

namespace Regional.LicenseVerifier.Tests.Vectors;

/// <summary>bundles-SUITE.json: whole licence files verified offline as `regional bundle verify` does:
/// the failure, the verdict, staleness, the checks passed and the disclosed fields' outcomes.</summary>
public class BundleVectorTests
{
    private static IEnumerable<TestCaseData> Bundles() => Cases("bundles", "cases");

    [TestCaseSource(nameof(Bundles))]
    public void Verify_VectorFile_GivesExpectedResult(Suite suite, JsonObject vector, JsonObject file)
    {
        var (bundle, disclosed) = Read(vector["file"]!.ToJsonString());
        var trustFile = TrustFile.Parse((vector["trust"] ?? file["trust"])!.ToJsonString()).Value!;
        var (trust, problems) = FederationTrust.Check(trustFile);
        Assert.That(trust, Is.Not.Null, string.Join("; ", problems));
        var maxAge = vector["maxAge"] is { } age ? StatusAge.Parse(age.GetValue<string>())!.Value : trust!.Policy.MaxStatusAge;
        var policy = new TrustPolicy(trust!.Suite, trust.Policy.Logs, vector["quorum"]?.GetValue<int>() ?? trust.WitnessQuorum) { MaxStatusAge = maxAge };
        var now = DateTimeOffset.Parse(vector["now"]!.GetValue<string>(), CultureInfo.InvariantCulture);

        var check = BundleVerifier.Verify(bundle, policy, now, disclosed);

        var expect = vector["expect"]!;
        Assert.Multiple(() =>
        {
            Assert.That(check.Failure.ToString(), Is.EqualTo(expect["failure"]!.GetValue<string>()), check.Detail);
            Assert.That(check.Status.ToString().ToUpperInvariant(), Is.EqualTo(expect["status"]!.GetValue<string>()));
            Assert.That(check.IsStale, Is.EqualTo(expect["stale"]!.GetValue<bool>()));
            Assert.That(check.LicenseId, Is.EqualTo(expect["licenseId"]!.GetValue<string>()));
            Assert.That(check.Region, Is.EqualTo(expect["region"]!.GetValue<string>()));
            Assert.That(check.Passed, Is.EqualTo(expect["passed"]!.AsArray().Select(p => p!.GetValue<string>())));
            Assert.That(check.Fields.Select(f => $"{f.Name}: {f.Outcome}"), Is.EqualTo(expect["fields"]!.AsArray().Select(f => $"{f!["name"]}: {f["outcome"]}")));
            Assert.That(check.IsValid && !check.IsStale && check.Status == VerificationStatus.Valid ? 0 : 1, Is.EqualTo(expect["exitCode"]!.GetValue<int>()));
        });
    }

    /// <summary>A downloaded licence (document and proof) or a bare proof bundle, as the CLI reads them.</summary>
    private static (ProofBundle Bundle, IReadOnlyList<DisclosedField> Disclosed) Read(string json)
    {
        try
        {
            var download = JsonParser.Default.Parse<DownloadLicenseResponse>(json);
            if (download.Proof is not null)
            {
                return (download.Proof, download.Document?.Fields.ToList() ?? []);
            }
        }
        catch (InvalidProtocolBufferException)
        {
            // A bare proof bundle.
        }
        return (JsonParser.Default.Parse<ProofBundle>(json), []);
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Trust;
using Regional.V1;

namespace Regional.Vectors;

/// <summary>Collects bundle vectors: a licence file (protobuf JSON, as `regional license download` writes it,
/// or a bare ProofBundle), the trust file, the time, and what BundleVerifier answers, as
/// `regional bundle verify` would print it.</summary>
internal sealed class BundleCases(TrustFile trust)
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly EnumDescriptor StatusNames = LicenseServiceReflection.Descriptor.EnumTypes.First(e => e.ClrType == typeof(VerificationStatus));

    public JsonArray Json { get; } = [];

    /// <summary>A downloaded licence: document and proof.</summary>
    public void Add(string name, LicenseDocument? document, ProofBundle proof, DateTimeOffset? now = null, string? maxAge = null, int? quorum = null, TrustFile? trustOverride = null)
    {
        var file = document is null ? (IMessage)proof : new DownloadLicenseResponse { Document = document, Proof = proof };
        var disclosed = document?.Fields.ToList() ?? [];
        var used = trustOverride ?? trust;
        var (federation, problems) = FederationTrust.Check(used);
        if (federation is null)
        {
            throw new InvalidOperationException($"vector '{name}': the trust file is refused: {string.Join("; ", problems)}");
        }
        var age = maxAge is null ? federation.Policy.MaxStatusAge : StatusAge.Parse(maxAge)!.Value;
        var policy = new TrustPolicy(federation.Suite, federation.Policy.Logs, quorum ?? federation.WitnessQuorum) { MaxStatusAge = age };
        var at = now ?? Now;
        var check = BundleVerifier.Verify(proof, policy, at, disclosed);
        var vector = new JsonObject
        {
            ["name"] = name,
            ["now"] = at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
        if (maxAge is not null)
        {
            vector["maxAge"] = maxAge;
        }
        if (quorum is not null)
        {
            vector["quorum"] = quorum;
        }
        if (trustOverride is not null)
        {
            vector["trust"] = VectorFederation.Json(trustOverride);
        }
        vector["file"] = JsonNode.Parse(JsonFormatter.Default.Format(file));
        vector["expect"] = Expect(check);
        Json.Add(vector);
    }

    private static JsonObject Expect(BundleCheck check)
    {
        var status = StatusNames.FindValueByNumber((int)check.Status).Name["VERIFICATION_STATUS_".Length..];
        var fresh = check.IsValid && !check.IsStale;
        return new JsonObject
        {
            ["failure"] = check.Failure.ToString(),
            ["valid"] = check.IsValid,
            ["status"] = status,
            ["stale"] = check.IsStale,
            ["licenseId"] = check.LicenseId,
            ["region"] = check.Region,
            ["statusAsOf"] = check.StatusAsOf?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["passed"] = new JsonArray([.. check.Passed.Select(p => (JsonNode)p)]),
            ["fields"] = new JsonArray([.. check.Fields.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["outcome"] = f.Outcome.ToString() })]),
            ["exitCode"] = fresh && check.Status == VerificationStatus.Valid ? 0 : 1,
            ["detail"] = check.Detail,
        };
    }
}

using System.Text.Json.Nodes;
using Google.Protobuf;
using Regional.LicenseVerifier.Crypto;
using Regional.V1;

namespace Regional.Vectors;

/// <summary>bundles-SUITE.json: licence files that pass, with each verdict, and files broken in each way
/// the verifier names, with the failure, the checks passed before it, and the exit code of
/// `regional bundle verify`.</summary>
internal static class BundleVectors
{
    private static readonly LicenseStatus[] None = [];

    public static JsonObject Create(Suite suite)
    {
        var federation = new VectorFederation(suite);
        var cases = new BundleCases(federation.Trust());
        var inForce = VectorLicense.Years(2026, 2036);
        var plain = new BundleHistory(federation, inForce, None);
        var document = plain.License.Document();

        // Files that pass every check, with each verdict.
        cases.Add("valid: a downloaded licence, every field disclosed", document, plain.Bundle());
        cases.Add("valid: a bare proof bundle, no field disclosed", null, plain.Bundle());
        cases.Add("valid: no expiry", null, new BundleHistory(federation, VectorLicense.Years(2026, null), None).Bundle());
        cases.Add("valid: two witness cosignatures, quorum 2", document, plain.Bundle(), quorum: 2);
        cases.Add("valid: no cosignature, quorum 0", document, plain.Bundle(plain.Log.SignedNote()), quorum: 0);
        var reinstated = new BundleHistory(federation, inForce, [LicenseStatus.Suspended, LicenseStatus.Active]);
        cases.Add("valid: suspended, then reinstated", reinstated.License.Document(), reinstated.Bundle());
        var amended = new BundleHistory(federation, inForce, None, amend: true);
        cases.Add("valid: the amended version 2",
            amended.Amended!.Document(), amended.Log.Bundle(amended.AmendedLeaf, amended.License.LicenseId, amended.CosignedNote()));
        cases.Add("SUPERSEDED: version 1 after an amendment to version 2", amended.License.Document(), amended.Bundle());
        var revoked = new BundleHistory(federation, inForce, [LicenseStatus.Revoked]);
        cases.Add("REVOKED", revoked.License.Document(), revoked.Bundle());
        var suspended = new BundleHistory(federation, inForce, [LicenseStatus.Suspended]);
        cases.Add("SUSPENDED", suspended.License.Document(), suspended.Bundle());
        var expired = new BundleHistory(federation, VectorLicense.Years(2020, 2026), None);
        cases.Add("EXPIRED: the validity ended on 2026-01-01", expired.License.Document(), expired.Bundle());
        var early = new BundleHistory(federation, VectorLicense.Years(2027, 2037), None);
        cases.Add("SUSPENDED: not in force until 2027-01-01", early.License.Document(), early.Bundle());
        cases.Add("STALE: the status proof is 2 hours old, 1 hour allowed", document, plain.Bundle(), now: BundleCases.Now.AddHours(2), maxAge: "1h");
        cases.Add("VALID within a 90m maximum age", document, plain.Bundle(), maxAge: "90m");
        cases.Add("MISMATCH: a disclosed value changed", Changed(document, 1, value: "另一家公司"), plain.Bundle());
        cases.Add("MISMATCH: a disclosed salt of 15 bytes", Changed(document, 2, salt: document.Fields[2].Salt.Span[..15].ToArray()), plain.Bundle());
        var extra = document.Clone();
        extra.Fields.Add(new DisclosedField { Name = "holder_phone", Value = "13800000000", Salt = document.Fields[0].Salt });
        cases.Add("MISMATCH: a disclosed field the licence does not commit", extra, plain.Bundle());

        // Key rotation: the old key is trusted up to its last tree size.
        var size = plain.Log.Size;
        cases.Add("valid: signed by a retired key within its last tree size", document, plain.Bundle(),
            trustOverride: federation.Trust(beijingRotation: (federation.NextBeijingKey, federation.Log("bj"), size)));
        cases.Add("RetiredIssuerKey: signed by a retired key beyond its last tree size", document, plain.Bundle(),
            trustOverride: federation.Trust(beijingRotation: (federation.NextBeijingKey, federation.Log("bj"), size - 1)));

        BundleBreaks.Add(cases, plain, revoked, reinstated);
        return new JsonObject
        {
            ["suite"] = suite.Name,
            ["description"] = "Licence files (protobuf JSON of DownloadLicenseResponse, or a bare ProofBundle) checked at now against trust (or the case's own trust), with the case's maxAge and quorum overriding the trust file's. expect: failure (BundleFailure; None when every check passed), the verdict, stale, the checks passed in order, the disclosed fields' outcomes and the exit code of `regional bundle verify`; detail is the C# wording, for people.",
            ["trust"] = VectorFederation.Json(federation.Trust()),
            ["cases"] = cases.Json,
        };
    }

    public static LicenseDocument Changed(LicenseDocument document, int field, string? value = null, byte[]? salt = null)
    {
        var copy = document.Clone();
        if (value is not null)
        {
            copy.Fields[field].Value = value;
        }
        if (salt is not null)
        {
            copy.Fields[field].Salt = ByteString.CopyFrom(salt);
        }
        return copy;
    }
}

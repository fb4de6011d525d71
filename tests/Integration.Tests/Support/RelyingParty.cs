using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Trust;

namespace Regional.Integration.Tests.Support;

/// <summary>
/// What a business system does with the federation's trust file: reads it with LicenseVerifier's trust
/// file model (no node code) and builds the <see cref="TrustPolicy"/> that checks proof bundles offline.
/// </summary>
internal static class RelyingParty
{
    /// <summary>The policy of the trust file; <paramref name="quorum"/> overrides the file's witness quorum when given.</summary>
    public static TrustPolicy PolicyFromTrustFile(string path, int? quorum = null)
    {
        var parsed = TrustFile.Parse(File.ReadAllText(path));
        var file = parsed.IsSuccess ? parsed.Value! : throw new AssertionException($"trust file {path}: {parsed.Error}");
        var (trust, problems) = FederationTrust.Check(quorum is { } q ? file with { WitnessQuorum = q } : file);
        return trust?.Policy ?? throw new AssertionException($"trust file {path}: {string.Join("; ", problems)}");
    }
}

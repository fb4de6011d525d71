using System.Text.Json;
using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;

namespace Regional.Integration.Tests.Support;

/// <summary>
/// What a business system does with the federation's trust file: reads it as plain JSON (no node code)
/// and builds the LicenseVerifier <see cref="TrustPolicy"/> that checks proof bundles offline.
/// </summary>
internal static class RelyingParty
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The policy of the trust file; <paramref name="quorum"/> overrides the file's witness quorum when given.</summary>
    public static TrustPolicy PolicyFromTrustFile(string path, int? quorum = null)
    {
        var file = JsonSerializer.Deserialize<TrustFileText>(File.ReadAllText(path), Json)
            ?? throw new AssertionException($"trust file {path} is empty");
        var logs = file.Regions.Select(r => new TrustedLog(r.Id, r.Origin, [.. r.LogKeys.Select(Key)], [.. r.WitnessKeys.Select(Key)])
        {
            RetiredIssuerKeys = [.. (r.RetiredLogKeys ?? []).Select(k => new RetiredKey(Key(k.Key), k.LastTreeSize))],
        });
        return new TrustPolicy(Suite.FromName(file.Suite) ?? throw new AssertionException($"suite {file.Suite}"), logs, quorum ?? file.WitnessQuorum);
    }

    private static NoteVerifier Key(string text) =>
        NoteVerifier.TryParse(text, out var key, out var error) ? key! : throw new AssertionException($"verifier key '{text}': {error}");

    private sealed record TrustFileText(string Suite, int WitnessQuorum, IReadOnlyList<RegionText> Regions);

    private sealed record RegionText(string Id, string Origin, IReadOnlyList<string> LogKeys, IReadOnlyList<string> WitnessKeys,
        IReadOnlyList<RetiredKeyText>? RetiredLogKeys = null);

    private sealed record RetiredKeyText(string Key, ulong LastTreeSize);
}

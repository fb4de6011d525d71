using Regional.LicenseVerifier.Crypto;

namespace Regional.Provisioning;

/// <summary>
/// The key file of a log signing key or a witness key: "regional-signing-key/v1\n&lt;sm2|ed25519&gt;\n&lt;base64
/// secret&gt;\n", mode 0600. The node reads and writes it; <see cref="RegionSetup"/> makes the first keys
/// before the node starts, so that the trust file can list them.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class KeyFile
{
    /// <summary>The first line, naming the format and its version.</summary>
    public const string Header = "regional-signing-key/v1";

    /// <summary>The file's text for a key.</summary>
    public static string Format(PrivateKey key) =>
        $"{Header}\n{AlgorithmName(key.Algorithm)}\n{Convert.ToBase64String(key.ExportSecret())}\n";

    /// <summary>"sm2" or "ed25519": the algorithm's name in the file.</summary>
    public static string AlgorithmName(SignatureAlgorithm algorithm) => algorithm switch
    {
        SignatureAlgorithm.Sm2 => "sm2",
        SignatureAlgorithm.Ed25519 => "ed25519",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "want Sm2 or Ed25519"),
    };

    /// <summary>Reads the key file at <paramref name="path"/>, refusing one that others may read.</summary>
    /// <param name="path">The file.</param>
    /// <param name="suite">The federation's suite: the key must be of its algorithm.</param>
    /// <param name="what">What the key is, for the message about an unsafe mode.</param>
    /// <exception cref="FederationFileException">The file is unsafe, malformed or of another suite.</exception>
    public static PrivateKey Read(string path, Suite suite, string what = "signing key") => Parse(path, OwnerOnlyFile.Read(path, what), suite);

    /// <summary>Reads a key file's text; every failure names the file and what was wanted.</summary>
    /// <exception cref="FederationFileException">The text is malformed or of another suite.</exception>
    public static PrivateKey Parse(string path, string text, Suite suite)
    {
        var lines = text.EndsWith('\n') ? text[..^1].Split('\n') : text.Split('\n');
        if (lines.Length != 3 || lines[0] != Header)
        {
            throw new FederationFileException($"signing key {path}: malformed, want three lines: {Header}, the algorithm, the base64 secret");
        }
        var want = AlgorithmName(suite.SignatureAlgorithm);
        if (lines[1] != want)
        {
            throw new FederationFileException($"signing key {path}: got algorithm '{lines[1]}', want '{want}' for suite {suite.Name}; "
                + "a node never changes its key's algorithm: move the file away only if this region has no log yet");
        }
        try
        {
            return PrivateKey.FromSecret(suite.SignatureAlgorithm, Convert.FromBase64String(lines[2]));
        }
        catch (FormatException ex)
        {
            throw new FederationFileException($"signing key {path}: malformed secret: {ex.Message}", ex);
        }
    }
}

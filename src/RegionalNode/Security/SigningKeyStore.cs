using Microsoft.Extensions.Options;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.Node.Hosting;

namespace Regional.Node.Security;

/// <summary>
/// The region's log signing key on disk: loaded from Node:SigningKeyPath, or created there on first
/// start. Format: "regional-signing-key/v1\n&lt;sm2|ed25519&gt;\n&lt;base64 secret&gt;\n", mode 0600.
/// </summary>
internal sealed class SigningKeyStore(IOptions<NodeOptions> options, Suite suite, ILogger<SigningKeyStore> logger)
{
    public const string Header = "regional-signing-key/v1";

    /// <summary>Loads the key, or creates and stores a new one when the file does not exist.</summary>
    /// <exception cref="NodeStartupException">The file is unsafe, malformed or of another suite.</exception>
    public PrivateKey LoadOrCreate() => LoadOrCreate(options.Value.SigningKeyPath!);

    /// <summary>The key that signs the log's next checkpoint: the first key (Node:SigningKeyPath,
    /// created on first start) until the log records a rotation, then the file of the rotation's
    /// new key, found by its key ID beside the first key.</summary>
    /// <exception cref="NodeStartupException">The rotated-to key's file is missing, unsafe or holds another key.</exception>
    public PrivateKey LoadCurrent(NoteVerifier? rotatedTo)
    {
        if (rotatedTo is null)
        {
            return LoadOrCreate();
        }
        var path = RotatedKeyPath(options.Value.SigningKeyPath!, rotatedTo);
        if (!File.Exists(path))
        {
            throw new NodeStartupException($"signing key {path}: missing; the log rotated its signing key to {rotatedTo.VerifierKey} "
                + "and the node signs with nothing else: restore the file written by rotate-key (from the key ceremony's backup)");
        }
        var key = Parse(path, OwnerOnlyFile.Read(path, "signing key"), suite);
        if (!key.PublicKey.Bytes.SequenceEqual(rotatedTo.PublicKey.Bytes))
        {
            throw new NodeStartupException($"signing key {path}: holds another key than {rotatedTo.VerifierKey}, the key the log rotated to");
        }
        NodeLog.SigningKeyLoaded(logger, AlgorithmName(key.Algorithm), Convert.ToBase64String(key.PublicKey.Bytes), path);
        return key;
    }

    /// <summary>Where a rotated-to key lives: signing-&lt;key id&gt;.key beside the first key.</summary>
    public static string RotatedKeyPath(string signingKeyPath, NoteVerifier key) =>
        Path.Combine(Path.GetDirectoryName(signingKeyPath)!, $"signing-{key.KeyId:x8}.key");

    /// <summary>Loads the key at a path, creating it (mode 0600) on first use; the same format
    /// serves the log signing key and the witness key.</summary>
    public PrivateKey LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            var created = PrivateKey.Generate(suite.SignatureAlgorithm);
            OwnerOnlyFile.WriteNew(path, Format(created));
            NodeLog.SigningKeyCreated(logger, path);
        }
        var key = Parse(path, OwnerOnlyFile.Read(path, "signing key"), suite);
        NodeLog.SigningKeyLoaded(logger, AlgorithmName(key.Algorithm), Convert.ToBase64String(key.PublicKey.Bytes), path);
        return key;
    }

    public static string Format(PrivateKey key) =>
        $"{Header}\n{AlgorithmName(key.Algorithm)}\n{Convert.ToBase64String(key.ExportSecret())}\n";

    public static string AlgorithmName(SignatureAlgorithm algorithm) => algorithm switch
    {
        SignatureAlgorithm.Sm2 => "sm2",
        SignatureAlgorithm.Ed25519 => "ed25519",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "want Sm2 or Ed25519"),
    };

    /// <summary>Reads a key file's text; every failure names the file and what was wanted.</summary>
    public static PrivateKey Parse(string path, string text, Suite suite)
    {
        var lines = text.EndsWith('\n') ? text[..^1].Split('\n') : text.Split('\n');
        if (lines.Length != 3 || lines[0] != Header)
        {
            throw new NodeStartupException($"signing key {path}: malformed, want three lines: {Header}, the algorithm, the base64 secret");
        }
        var want = AlgorithmName(suite.SignatureAlgorithm);
        if (lines[1] != want)
        {
            throw new NodeStartupException($"signing key {path}: got algorithm '{lines[1]}', want '{want}' for suite {suite.Name}; "
                + "a node never changes its key's algorithm: move the file away only if this region has no log yet");
        }
        try
        {
            return PrivateKey.FromSecret(suite.SignatureAlgorithm, Convert.FromBase64String(lines[2]));
        }
        catch (FormatException ex)
        {
            throw new NodeStartupException($"signing key {path}: malformed secret: {ex.Message}", ex);
        }
    }
}

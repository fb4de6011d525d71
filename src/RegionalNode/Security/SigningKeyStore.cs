using Microsoft.Extensions.Options;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.Provisioning;
using Regional.Node.Configuration;
using Regional.Node.Errors;
using Regional.Node.Telemetry;

namespace Regional.Node.Security;

/// <summary>
/// The region's log signing key on disk: loaded from Node:SigningKeyPath, or created there on first
/// start, in the <see cref="KeyFile"/> format, mode 0600. A file that is unsafe or malformed stops the
/// node (<see cref="NodeStartupException"/>) with the message naming it.
/// </summary>
internal sealed class SigningKeyStore(IOptions<NodeOptions> options, Suite suite, ILogger<SigningKeyStore> logger)
{
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
        var key = Read(path);
        if (!key.PublicKey.Bytes.SequenceEqual(rotatedTo.PublicKey.Bytes))
        {
            throw new NodeStartupException($"signing key {path}: holds another key than {rotatedTo.VerifierKey}, the key the log rotated to");
        }
        NodeLog.SigningKeyLoaded(logger, KeyFile.AlgorithmName(key.Algorithm), Convert.ToBase64String(key.PublicKey.Bytes), path);
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
            OwnerOnlyFile.WriteNew(path, KeyFile.Format(created));
            NodeLog.SigningKeyCreated(logger, path);
        }
        var key = Read(path);
        NodeLog.SigningKeyLoaded(logger, KeyFile.AlgorithmName(key.Algorithm), Convert.ToBase64String(key.PublicKey.Bytes), path);
        return key;
    }

    /// <summary>Reads a key file of this node's suite.</summary>
    /// <exception cref="NodeStartupException">The file is unsafe, malformed or of another suite.</exception>
    private PrivateKey Read(string path)
    {
        try
        {
            return KeyFile.Read(path, suite);
        }
        catch (FederationFileException ex)
        {
            throw new NodeStartupException(ex.Message, ex);
        }
    }
}

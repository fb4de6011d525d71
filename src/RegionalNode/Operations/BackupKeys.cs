using System.Security.Cryptography;
using System.Text;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.Node.Security;
using Regional.Provisioning;
using Regional.Node.Errors;

namespace Regional.Node.Operations;

/// <summary>A private key file of a data folder as the manifest names it: where it goes, what it is,
/// and a check that recognises the right file without holding the key: <c>sha256-public-key:</c> the
/// SHA-256 of its public key (log and witness keys: the raw key; TLS keys: the SubjectPublicKeyInfo),
/// <c>check-value:</c> for the data key (HMAC-SHA256(key, "regional/data-key check value/v1"), 8 bytes),
/// or <c>sha256-file:</c> for a key file of no known format.</summary>
/// <param name="VerifierKey">For a log signing key, its note verifier key (as in the trust file).</param>
internal sealed record BackupKey(string Path, string Kind, string Check, string? VerifierKey = null);

/// <summary>
/// Which files of a data folder are private keys, and how a key store's files are checked against a
/// manifest. A data folder holds: <c>keys/signing.key</c> (the log signing key) and
/// <c>keys/signing-&lt;key id&gt;.key</c> (keys rotate-key moved to), <c>keys/witness.key</c>,
/// <c>keys/data.key</c> (the document and index key), and the TLS private key (<c>tls/node.key</c>, or
/// <c>federation.key</c>, <c>tls/mirror.key</c> where a setup puts it there). A file is a key when it is
/// <c>keys/data.key</c>, is named <c>*.key</c>, or holds a signing key, a PEM private key or a note signer key.
/// </summary>
internal static class BackupKeys
{
    public const string DataKeyPath = "keys/data.key";
    private const int HeadBytes = 64 * 1024;
    private static readonly byte[] CheckValueLabel = "regional/data-key check value/v1"u8.ToArray();

    public static bool IsKey(string folder, string relative)
    {
        relative = relative.Replace('\\', '/');
        if (relative == DataKeyPath || relative.EndsWith(".key", StringComparison.Ordinal))
        {
            return true;
        }
        var text = Head(System.IO.Path.Combine(folder, relative));
        return text.StartsWith(KeyFile.Header + "\n", StringComparison.Ordinal) || text.StartsWith("PRIVATE+KEY+", StringComparison.Ordinal)
            || text.Contains("PRIVATE KEY-----", StringComparison.Ordinal);
    }

    /// <summary>Describes the key file at folder/relative; origin names a log signing key's verifier key.</summary>
    public static BackupKey Describe(string folder, string relative, string origin)
    {
        relative = relative.Replace('\\', '/');
        var bytes = File.ReadAllBytes(System.IO.Path.Combine(folder, relative));
        var text = Encoding.UTF8.GetString(bytes);
        var name = System.IO.Path.GetFileName(relative);
        if (relative == DataKeyPath && bytes.Length == Storage.Encryption.DataKeyFile.KeySize)
        {
            return new(relative, "data key", "check-value:" + Convert.ToHexStringLower(HMACSHA256.HashData(bytes, CheckValueLabel).AsSpan(0, 8)));
        }
        if (text.StartsWith(KeyFile.Header + "\n", StringComparison.Ordinal) && TryReadNoteKey(relative, text, out var key))
        {
            var isLogKey = name.StartsWith("signing", StringComparison.Ordinal);
            return new(relative, isLogKey ? "log signing key" : name.StartsWith("witness", StringComparison.Ordinal) ? "witness key" : "signing key",
                PublicKeyCheck(key!.PublicKey.Bytes), isLogKey ? NoteVerifier.Create(origin, key.PublicKey).VerifierKey : null);
        }
        if (text.Contains("PRIVATE KEY-----", StringComparison.Ordinal) && PemPublicKey(text) is { } publicKey)
        {
            return new(relative, "TLS private key", PublicKeyCheck(publicKey));
        }
        return new(relative, "key file", "sha256-file:" + Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>Reads a signing key file (<see cref="SigningKeyStore"/> format) of either suite.</summary>
    /// <exception cref="NodeStartupException">The file is unsafe or not a signing key.</exception>
    public static PrivateKey ReadNoteKey(string path)
    {
        var text = OwnerOnlyFile.Read(path, "signing key");
        return KeyFile.Parse(path, text, SuiteOf(text));
    }

    /// <summary>What is wrong with the key store for these keys: each must be there, at the same relative
    /// path as in a data folder, and match the manifest's check (and verifier key). Empty when all match.</summary>
    public static List<string> StoreProblems(string store, IReadOnlyList<BackupKey> keys, string origin)
    {
        var problems = new List<string>();
        foreach (var key in keys)
        {
            var path = System.IO.Path.Combine(store, key.Path);
            if (key.Path.Contains("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(key.Path))
            {
                problems.Add($"--keys: {key.Path}: not a path inside a data folder");
            }
            else if (!File.Exists(path))
            {
                problems.Add($"--keys: {key.Path}: missing in {System.IO.Path.GetFullPath(store)}; want the region's {key.Kind} ({key.VerifierKey ?? key.Check})");
            }
            else if (Describe(store, key.Path, origin) is var found && (found.Check != key.Check || found.VerifierKey != key.VerifierKey))
            {
                problems.Add($"--keys: {key.Path}: got the {found.Kind} {found.VerifierKey ?? found.Check}, want {key.VerifierKey ?? key.Check}, "
                    + "the one the backup names: another region's or an older key");
            }
        }
        return problems;
    }

    private static bool TryReadNoteKey(string relative, string text, out PrivateKey? key)
    {
        try
        {
            key = KeyFile.Parse(relative, text, SuiteOf(text));
            return true;
        }
        catch (NodeStartupException)
        {
            key = null;
            return false;
        }
    }

    /// <summary>The suite of a signing key file, from its algorithm line (Parse refuses anything else).</summary>
    private static Suite SuiteOf(string text) => text.Split('\n') is [_, "ed25519", ..] ? Suite.Intl : Suite.Gm;

    private static byte[]? PemPublicKey(string pem)
    {
        foreach (var algorithm in new Func<AsymmetricAlgorithm>[] { ECDsa.Create, RSA.Create })
        {
            using var key = algorithm();
            try
            {
                key.ImportFromPem(pem);
                return key.ExportSubjectPublicKeyInfo();
            }
            catch (Exception ex) when (ex is CryptographicException or ArgumentException)
            {
                // not this algorithm: try the next
            }
        }
        return null;
    }

    private static string PublicKeyCheck(ReadOnlySpan<byte> publicKey) => "sha256-public-key:" + Convert.ToHexStringLower(SHA256.HashData(publicKey));

    private static string Head(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[(int)Math.Min(stream.Length, HeadBytes)];
        stream.ReadExactly(buffer);
        return Encoding.UTF8.GetString(buffer);
    }
}

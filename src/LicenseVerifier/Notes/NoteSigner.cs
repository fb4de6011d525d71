using System.Text;
using Regional.LicenseVerifier.Crypto;

namespace Regional.LicenseVerifier.Notes;

/// <summary>A note signing key: a name and a private key, for a log (signatures) or a witness (cosignatures).</summary>
/// <remarks>
/// <para>Immutable and thread-safe. The text form (<see cref="ToSignerKey"/>) follows
/// golang.org/x/mod/sumdb/note: <c>PRIVATE+KEY+name+hhhhhhhh+base64(type bytes || 32-byte secret)</c>,
/// where the secret is the Ed25519 seed or the SM2 scalar d (big-endian). Keep it owner-only.</para>
/// <para>Name, key ID and type bytes are those of <see cref="Verifier"/>.</para>
/// </remarks>
public sealed class NoteSigner
{
    private const string Prefix = "PRIVATE+KEY+";

    private NoteSigner(NoteVerifier verifier, PrivateKey key)
    {
        Verifier = verifier;
        Key = key;
    }

    /// <summary>The key name that appears in signature lines.</summary>
    public string Name => Verifier.Name;

    /// <summary>The 32-bit key ID that prefixes each signature.</summary>
    public uint KeyId => Verifier.KeyId;

    /// <summary>The matching verifier (public) key.</summary>
    public NoteVerifier Verifier { get; }

    /// <summary>The private key.</summary>
    public PrivateKey Key { get; }

    /// <summary>A signer for a name and private key.</summary>
    /// <exception cref="ArgumentException">The name is empty or contains a space, newline or '+'.</exception>
    public static NoteSigner Create(string name, PrivateKey key, NoteKeyKind kind = NoteKeyKind.Signature)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new NoteSigner(NoteVerifier.Create(name, key.PublicKey, kind), key);
    }

    /// <summary>Reads a signer key text, or says why it is not one.</summary>
    public static bool TryParse(string signerKey, out NoteSigner? signer, out string? error)
    {
        signer = null;
        if (signerKey is null || !signerKey.StartsWith(Prefix, StringComparison.Ordinal))
        {
            error = $"signer key: does not start with '{Prefix}'";
            return false;
        }
        var parts = signerKey[Prefix.Length..].Split('+', 3);
        if (parts.Length != 3)
        {
            error = $"signer key: want {Prefix}name+keyid+base64";
            return false;
        }
        if (!NoteVerifier.TryRead(parts[0], parts[1], parts[2], isSecret: true, out var algorithm, out var kind, out var secret, out error))
        {
            return false;
        }
        PrivateKey key;
        try
        {
            key = PrivateKey.FromSecret(algorithm, secret);
        }
        catch (FormatException ex)
        {
            error = $"signer key: {ex.Message}";
            return false;
        }
        var candidate = Create(parts[0], key, kind);
        if (candidate.ToSignerKey() != signerKey)
        {
            error = $"signer key: key ID {parts[1]} does not match the key, want {NoteText.FormatKeyId(candidate.KeyId)}";
            return false;
        }
        signer = candidate;
        error = null;
        return true;
    }

    /// <summary>The signer key text: <c>PRIVATE+KEY+name+hhhhhhhh+base64(type || secret)</c>.</summary>
    public string ToSignerKey()
    {
        byte[] encoded = [.. NoteKeyType.For(Key.Algorithm, Verifier.Kind), .. Key.ExportSecret()];
        return $"{Prefix}{Name}+{NoteText.FormatKeyId(KeyId)}+{Convert.ToBase64String(encoded)}";
    }

    /// <summary>A note signature over text; for signature keys only.</summary>
    internal NoteSignature Sign(string text)
    {
        if (Verifier.Kind != NoteKeyKind.Signature)
        {
            throw new InvalidOperationException($"{Name} is a cosignature key: use Cosigner.Cosign, which adds the timestamp");
        }
        return new NoteSignature(Name, KeyId, Key.Sign(Encoding.UTF8.GetBytes(text)));
    }

    /// <inheritdoc/>
    public override string ToString() => Verifier.VerifierKey;
}

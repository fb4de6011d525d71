using System.Buffers.Binary;
using System.Text;
using Regional.LicenseVerifier.Crypto;

namespace Regional.LicenseVerifier.Notes;

/// <summary>A trusted note key: a name and a public key that signs notes or cosigns checkpoints.</summary>
/// <remarks>
/// <para>Immutable and thread-safe. The text form (<see cref="VerifierKey"/>) is the one of
/// golang.org/x/mod/sumdb/note: <c>name+hhhhhhhh+base64(type bytes || public key)</c>, with the key
/// ID as 8 lowercase hex digits. SM2 public keys are the 65-byte uncompressed point.</para>
/// <para>The key ID is SHA-256(name || 0x0A || type bytes || public key)[:4] read big-endian, in
/// both suites (an identifier, not a security boundary). Type bytes: Ed25519 0x01 (signature) and
/// 0x04 (cosignature/v1); SM2 0xFF || "regional/sm2" and 0xFF || "regional/sm2-cosignature/v1".</para>
/// </remarks>
public sealed class NoteVerifier
{
    private NoteVerifier(string name, PublicKey key, NoteKeyKind kind)
    {
        Name = name;
        PublicKey = key;
        Kind = kind;
        var encoded = NoteKeyType.Encode(key, kind);
        KeyId = NoteKeyType.KeyId(name, encoded);
        VerifierKey = $"{name}+{NoteText.FormatKeyId(KeyId)}+{Convert.ToBase64String(encoded)}";
    }

    /// <summary>The key name that appears in signature lines.</summary>
    public string Name { get; }

    /// <summary>The 32-bit key ID that prefixes each signature.</summary>
    public uint KeyId { get; }

    /// <summary>The public key.</summary>
    public PublicKey PublicKey { get; }

    /// <summary>Whether the key makes note signatures or timestamped cosignatures.</summary>
    public NoteKeyKind Kind { get; }

    /// <summary>The verifier key text: <c>name+hhhhhhhh+base64(type || public key)</c>.</summary>
    public string VerifierKey { get; }

    /// <summary>A verifier for a name and public key.</summary>
    /// <exception cref="ArgumentException">The name is empty or contains a space, newline or '+'.</exception>
    public static NoteVerifier Create(string name, PublicKey key, NoteKeyKind kind = NoteKeyKind.Signature)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (NoteText.NameError(name) is { } error)
        {
            throw new ArgumentException(error, nameof(name));
        }
        return new NoteVerifier(name, key, kind);
    }

    /// <summary>Reads a verifier key text, or says why it is not one (bad name, unknown type,
    /// wrong key length, invalid point, or a key ID that does not match the key).</summary>
    public static bool TryParse(string verifierKey, out NoteVerifier? verifier, out string? error)
    {
        verifier = null;
        var parts = (verifierKey ?? "").Split('+', 3);
        if (parts.Length != 3)
        {
            error = "verifier key: want name+keyid+base64";
            return false;
        }
        if (!TryRead(parts[0], parts[1], parts[2], isSecret: false, out var algorithm, out var kind, out var material, out error))
        {
            return false;
        }
        if (!PublicKey.TryCreate(algorithm, material, out var key, out var keyError))
        {
            error = $"verifier key: {keyError}";
            return false;
        }
        var candidate = new NoteVerifier(parts[0], key!, kind);
        if (candidate.VerifierKey != verifierKey)
        {
            error = $"verifier key: key ID {parts[1]} does not match the key, want {NoteText.FormatKeyId(candidate.KeyId)}";
            return false;
        }
        verifier = candidate;
        return true;
    }

    /// <summary>Whether signature (the bytes after the key ID) is valid over the note text; for a
    /// cosignature key, also gives the signed POSIX timestamp (zero for plain signatures).</summary>
    internal bool Verify(string text, ReadOnlySpan<byte> signature, out long timestamp)
    {
        timestamp = 0;
        if (Kind == NoteKeyKind.Signature)
        {
            return PublicKey.Verify(Encoding.UTF8.GetBytes(text), signature);
        }
        if (signature.Length <= sizeof(ulong) || BinaryPrimitives.ReadUInt64BigEndian(signature) > long.MaxValue)
        {
            return false;
        }
        var time = (long)BinaryPrimitives.ReadUInt64BigEndian(signature);
        if (!PublicKey.Verify(Cosigner.Message(time, text), signature[sizeof(ulong)..]))
        {
            return false;
        }
        timestamp = time;
        return true;
    }

    /// <summary>Shared reading of the name, key ID and base64 parts of verifier and signer keys.</summary>
    internal static bool TryRead(string name, string keyId, string base64, bool isSecret, out SignatureAlgorithm algorithm, out NoteKeyKind kind, out byte[] material, out string? error)
    {
        (algorithm, kind, material) = (default, default, []);
        var what = isSecret ? "signer key" : "verifier key";
        if (NoteText.NameError(name) is { } nameError)
        {
            error = $"{what}: {nameError}";
            return false;
        }
        if (!NoteText.TryParseKeyId(keyId, out _))
        {
            error = $"{what}: key ID '{keyId}' is not 8 lowercase hex digits";
            return false;
        }
        if (!NoteText.TryDecodeBase64(base64, out var encoded))
        {
            error = $"{what}: key is not canonical base64";
            return false;
        }
        if (!NoteKeyType.TrySplit(encoded, isSecret, out algorithm, out kind, out var typeLength))
        {
            error = $"{what}: unknown signature type or wrong key length";
            return false;
        }
        material = encoded[typeLength..];
        error = null;
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => VerifierKey;
}

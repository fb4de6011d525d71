using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Regional.LicenseVerifier.Crypto;

namespace Regional.LicenseVerifier.Notes;

/// <summary>The signature type identifiers of c2sp.org/signed-note and the key ID formula.</summary>
/// <remarks>
/// Ed25519 uses the assigned bytes: 0x01 for note signatures, 0x04 for cosignature/v1.
/// SM2 has no assigned byte, so it uses 0xFF (reserved by the spec for such types) followed by
/// the ASCII identifier "regional/sm2" (signatures) or "regional/sm2-cosignature/v1" (cosignatures).
/// The SM2 identifiers are not prefix-free, so encodings are told apart by prefix and exact length.
/// </remarks>
internal static class NoteKeyType
{
    public const int Ed25519PublicKeySize = 32;
    public const int Sm2PublicKeySize = 65;
    public const int SecretSize = 32;

    private static readonly byte[] _ed25519Signature = [0x01];
    private static readonly byte[] _ed25519Cosignature = [0x04];
    private static readonly byte[] _sm2Signature = [0xFF, .. Encoding.ASCII.GetBytes("regional/sm2")];
    private static readonly byte[] _sm2Cosignature = [0xFF, .. Encoding.ASCII.GetBytes("regional/sm2-cosignature/v1")];

    private static readonly (SignatureAlgorithm Algorithm, NoteKeyKind Kind, byte[] Bytes)[] _all =
    [
        (SignatureAlgorithm.Ed25519, NoteKeyKind.Signature, _ed25519Signature),
        (SignatureAlgorithm.Ed25519, NoteKeyKind.Cosignature, _ed25519Cosignature),
        (SignatureAlgorithm.Sm2, NoteKeyKind.Signature, _sm2Signature),
        (SignatureAlgorithm.Sm2, NoteKeyKind.Cosignature, _sm2Cosignature),
    ];

    /// <summary>The type identifier bytes for an algorithm and kind.</summary>
    public static byte[] For(SignatureAlgorithm algorithm, NoteKeyKind kind)
    {
        foreach (var (a, k, bytes) in _all)
        {
            if (a == algorithm && k == kind)
            {
                return bytes;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, $"no note signature type for {algorithm} {kind}");
    }

    /// <summary>Splits type bytes || key material, where the material is a public key or a 32-byte secret.</summary>
    public static bool TrySplit(ReadOnlySpan<byte> encoded, bool isSecret, out SignatureAlgorithm algorithm, out NoteKeyKind kind, out int typeLength)
    {
        foreach (var (a, k, bytes) in _all)
        {
            var keyLength = isSecret ? SecretSize : a == SignatureAlgorithm.Ed25519 ? Ed25519PublicKeySize : Sm2PublicKeySize;
            if (encoded.Length == bytes.Length + keyLength && encoded.StartsWith(bytes))
            {
                (algorithm, kind, typeLength) = (a, k, bytes.Length);
                return true;
            }
        }
        (algorithm, kind, typeLength) = (default, default, 0);
        return false;
    }

    /// <summary>key ID = SHA-256(name || 0x0A || type || public key)[:4], big-endian. SHA-256 in
    /// every suite: the ID is an identifier, not a security boundary.</summary>
    public static uint KeyId(string name, ReadOnlySpan<byte> typeAndKey)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(name));
        sha.AppendData([0x0A]);
        sha.AppendData(typeAndKey);
        Span<byte> hash = stackalloc byte[32];
        sha.GetHashAndReset(hash);
        return BinaryPrimitives.ReadUInt32BigEndian(hash);
    }

    /// <summary>type bytes || public key bytes.</summary>
    public static byte[] Encode(PublicKey key, NoteKeyKind kind) => [.. For(key.Algorithm, kind), .. key.Bytes];
}

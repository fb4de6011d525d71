using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Regional.V1;

namespace Regional.LicenseVerifier.Crypto;

/// <summary>
/// A federation's cryptographic suite: the hash behind the Merkle tree and field digests, and
/// the signature algorithm of log keys. <see cref="Gm"/> is SM3 with SM2; <see cref="Intl"/> is
/// SHA-256 with Ed25519. Both hashes are 32 bytes.
/// </summary>
/// <remarks>Immutable and thread-safe: every call uses its own digest state.</remarks>
public sealed class Suite
{
    /// <summary>The length in bytes of every hash of either suite.</summary>
    public const int HashSize = 32;

    /// <summary>SM3 (GB/T 32905), SM2 signatures (GB/T 32918, GM/T 0009), SM4-GCM at rest.</summary>
    public static readonly Suite Gm = new(CryptoSuite.Gm, "gm", SignatureAlgorithm.Sm2);

    /// <summary>SHA-256, Ed25519 (RFC 8032), AES-256-GCM at rest.</summary>
    public static readonly Suite Intl = new(CryptoSuite.Intl, "intl", SignatureAlgorithm.Ed25519);

    private Suite(CryptoSuite id, string name, SignatureAlgorithm signatureAlgorithm)
    {
        Id = id;
        Name = name;
        SignatureAlgorithm = signatureAlgorithm;
        EmptyRoot = Hash([]);
    }

    /// <summary>The suite as named on the wire.</summary>
    public CryptoSuite Id { get; }

    /// <summary>The suite's short name in configuration and trust files: "gm" or "intl".</summary>
    public string Name { get; }

    /// <summary>The algorithm of log signing keys and witness keys in this suite.</summary>
    public SignatureAlgorithm SignatureAlgorithm { get; }

    /// <summary>The root of the empty tree, H(""), per RFC 9162 section 2.1.1.</summary>
    public ReadOnlyMemory<byte> EmptyRoot { get; }

    /// <summary>The suite for a wire value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value names no suite.</exception>
    public static Suite For(CryptoSuite id) => id switch
    {
        CryptoSuite.Gm => Gm,
        CryptoSuite.Intl => Intl,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "want CRYPTO_SUITE_GM or CRYPTO_SUITE_INTL"),
    };

    /// <summary>The suite with a short name ("gm" or "intl"), or null.</summary>
    public static Suite? FromName(string? name) => name switch
    {
        "gm" => Gm,
        "intl" => Intl,
        _ => null,
    };

    /// <summary>H(data).</summary>
    public byte[] Hash(ReadOnlySpan<byte> data)
    {
        var result = new byte[HashSize];
        Hash(data, result);
        return result;
    }

    /// <summary>Writes H(data) to the first <see cref="HashSize"/> bytes of destination.</summary>
    public void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < HashSize)
        {
            throw new ArgumentException($"destination: got {destination.Length} bytes, want at least {HashSize}", nameof(destination));
        }
        if (Id == CryptoSuite.Intl)
        {
            SHA256.HashData(data, destination);
            return;
        }
        var sm3 = new SM3Digest();
        sm3.BlockUpdate(data);
        sm3.DoFinal(destination);
    }

    /// <summary>The RFC 9162 leaf hash H(0x00 || entry) of the exact entry bytes.</summary>
    public byte[] HashLeaf(ReadOnlySpan<byte> entry)
    {
        var result = new byte[HashSize];
        if (Id == CryptoSuite.Intl)
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            sha.AppendData([0x00]);
            sha.AppendData(entry);
            sha.GetHashAndReset(result);
            return result;
        }
        var sm3 = new SM3Digest();
        sm3.Update(0x00);
        sm3.BlockUpdate(entry);
        sm3.DoFinal(result);
        return result;
    }

    /// <summary>The RFC 9162 interior node hash H(0x01 || left || right).</summary>
    public byte[] HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * HashSize)];
        buffer[0] = 0x01;
        CopyHash(left, buffer[1..], nameof(left));
        CopyHash(right, buffer[(1 + HashSize)..], nameof(right));
        return Hash(buffer);
    }

    private static void CopyHash(ReadOnlySpan<byte> hash, Span<byte> destination, string name)
    {
        if (hash.Length != HashSize)
        {
            throw new ArgumentException($"{name}: got {hash.Length} bytes, want {HashSize}", name);
        }
        hash.CopyTo(destination);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}

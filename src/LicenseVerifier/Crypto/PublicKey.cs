using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Regional.LicenseVerifier.Crypto;

/// <summary>A public signature key: SM2 (65-byte uncompressed point) or Ed25519 (32 bytes).</summary>
/// <remarks>Immutable and thread-safe. Construct with <see cref="TryCreate"/>, which checks that
/// the bytes are a valid key (an SM2 point on the curve, not the point at infinity).</remarks>
public sealed class PublicKey : IEquatable<PublicKey>
{
    private readonly byte[] _bytes;
    private readonly AsymmetricKeyParameter _parameters;

    private PublicKey(SignatureAlgorithm algorithm, byte[] bytes, AsymmetricKeyParameter parameters)
    {
        Algorithm = algorithm;
        _bytes = bytes;
        _parameters = parameters;
    }

    /// <summary>The key's algorithm.</summary>
    public SignatureAlgorithm Algorithm { get; }

    /// <summary>The key's encoding: 0x04 || X || Y for SM2, the RFC 8032 encoding for Ed25519.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Reads a public key, or says why the bytes are not one.</summary>
    public static bool TryCreate(SignatureAlgorithm algorithm, ReadOnlySpan<byte> bytes, out PublicKey? key, out string? error)
    {
        key = null;
        error = null;
        var copy = bytes.ToArray();
        switch (algorithm)
        {
            case SignatureAlgorithm.Ed25519 when copy.Length == Ed25519PublicKeyParameters.KeySize:
                try
                {
                    // BouncyCastle 2.x decodes the point here and throws for bytes that are none.
                    key = new PublicKey(algorithm, copy, new Ed25519PublicKeyParameters(copy));
                    return true;
                }
                catch (ArgumentException)
                {
                    error = "Ed25519 public key: the bytes do not encode a curve point";
                    return false;
                }
            case SignatureAlgorithm.Ed25519:
                error = $"Ed25519 public key: got {copy.Length} bytes, want {Ed25519PublicKeyParameters.KeySize}";
                return false;
            case SignatureAlgorithm.Sm2 when copy.Length == Sm2Curve.PublicKeySize && copy[0] == 0x04:
                try
                {
                    var point = Sm2Curve.Domain.Curve.DecodePoint(copy);
                    if (point.IsInfinity || !point.IsValid())
                    {
                        error = "SM2 public key: the point is not on the curve";
                        return false;
                    }
                    key = new PublicKey(algorithm, copy, new ECPublicKeyParameters(point, Sm2Curve.Domain));
                    return true;
                }
                catch (ArgumentException)
                {
                    error = "SM2 public key: the point is not on the curve";
                    return false;
                }
            case SignatureAlgorithm.Sm2:
                error = $"SM2 public key: got {copy.Length} bytes, want {Sm2Curve.PublicKeySize} starting 0x04 (uncompressed point)";
                return false;
            default:
                error = $"unknown signature algorithm {algorithm}";
                return false;
        }
    }

    /// <summary>Reads a public key; throws on bytes that are not one.</summary>
    /// <exception cref="FormatException">The bytes are not a valid key for the algorithm.</exception>
    public static PublicKey Create(SignatureAlgorithm algorithm, ReadOnlySpan<byte> bytes) =>
        TryCreate(algorithm, bytes, out var key, out var error) ? key! : throw new FormatException(error);

    /// <summary>Whether signature is a valid signature of message by this key.</summary>
    /// <remarks>Never throws for malformed signatures: they are simply not valid.</remarks>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        ISigner signer = Algorithm == SignatureAlgorithm.Ed25519 ? new Ed25519Signer() : Sm2Curve.NewSigner();
        var parameters = Algorithm == SignatureAlgorithm.Ed25519 ? _parameters : Sm2Curve.WithUserId(_parameters);
        signer.Init(false, parameters);
        signer.BlockUpdate(message);
        try
        {
            return signer.VerifySignature(signature.ToArray());
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or IOException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public bool Equals(PublicKey? other) =>
        other is not null && other.Algorithm == Algorithm && other._bytes.AsSpan().SequenceEqual(_bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PublicKey);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Algorithm);
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Algorithm}:{Convert.ToBase64String(_bytes)}";
}

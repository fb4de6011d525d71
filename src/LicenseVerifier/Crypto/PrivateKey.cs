using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Regional.LicenseVerifier.Crypto;

/// <summary>A private signature key (SM2 or Ed25519) and its public key.</summary>
/// <remarks>Immutable and thread-safe: an SM2 key keeps one signer, set up once (its set-up costs a scalar
/// multiplication, as much as a signature) and used under a lock; Ed25519 uses a fresh signer each time. The
/// secret is only ever exposed through <see cref="ExportSecret"/>, for the node's key file.</remarks>
public sealed class PrivateKey
{
    private readonly AsymmetricKeyParameter _parameters;
    private readonly byte[] _secret;
    private readonly Lock _signing = new();
    private ISigner? _sm2;

    private PrivateKey(SignatureAlgorithm algorithm, byte[] secret, AsymmetricKeyParameter parameters, PublicKey publicKey)
    {
        Algorithm = algorithm;
        _secret = secret;
        _parameters = parameters;
        PublicKey = publicKey;
    }

    /// <summary>The key's algorithm.</summary>
    public SignatureAlgorithm Algorithm { get; }

    /// <summary>The matching public key.</summary>
    public PublicKey PublicKey { get; }

    /// <summary>Generates a new key from the system's secure random source.</summary>
    public static PrivateKey Generate(SignatureAlgorithm algorithm)
    {
        var random = new SecureRandom();
        if (algorithm == SignatureAlgorithm.Ed25519)
        {
            var seed = new byte[Ed25519PrivateKeyParameters.KeySize];
            random.NextBytes(seed);
            return FromSecret(algorithm, seed);
        }
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Sm2Curve.Domain, random));
        var pair = generator.GenerateKeyPair();
        var d = ((ECPrivateKeyParameters)pair.Private).D.ToByteArrayUnsigned();
        var secret = new byte[Sm2Curve.PrivateKeySize];
        d.CopyTo(secret, secret.Length - d.Length);
        return FromSecret(algorithm, secret);
    }

    /// <summary>Rebuilds a key from its 32-byte secret (SM2 scalar d, big-endian; Ed25519 seed).</summary>
    /// <exception cref="FormatException">The secret is not a valid key for the algorithm.</exception>
    public static PrivateKey FromSecret(SignatureAlgorithm algorithm, ReadOnlySpan<byte> secret)
    {
        var copy = secret.ToArray();
        switch (algorithm)
        {
            case SignatureAlgorithm.Ed25519:
                if (copy.Length != Ed25519PrivateKeyParameters.KeySize)
                {
                    throw new FormatException($"Ed25519 private key: got {copy.Length} bytes, want {Ed25519PrivateKeyParameters.KeySize}");
                }
                var ed = new Ed25519PrivateKeyParameters(copy);
                return new PrivateKey(algorithm, copy, ed, PublicKey.Create(algorithm, ed.GeneratePublicKey().GetEncoded()));
            case SignatureAlgorithm.Sm2:
                if (copy.Length != Sm2Curve.PrivateKeySize)
                {
                    throw new FormatException($"SM2 private key: got {copy.Length} bytes, want {Sm2Curve.PrivateKeySize}");
                }
                var d = new BigInteger(1, copy);
                if (d.SignValue <= 0 || d.CompareTo(Sm2Curve.Domain.N.Subtract(BigInteger.One)) >= 0)
                {
                    throw new FormatException("SM2 private key: the scalar is out of range [1, n-2]");
                }
                var q = Sm2Curve.Domain.G.Multiply(d).Normalize();
                return new PrivateKey(algorithm, copy, new ECPrivateKeyParameters(d, Sm2Curve.Domain), PublicKey.Create(algorithm, q.GetEncoded(false)));
            default:
                throw new FormatException($"unknown signature algorithm {algorithm}");
        }
    }

    /// <summary>Signs message. SM2 signatures are randomised; Ed25519 signatures are deterministic.</summary>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        if (Algorithm == SignatureAlgorithm.Ed25519)
        {
            var ed = new Ed25519Signer();
            ed.Init(true, _parameters);
            ed.BlockUpdate(message);
            return ed.GenerateSignature();
        }
        lock (_signing)
        {
            if (_sm2 is null)
            {
                _sm2 = Sm2Curve.NewSigner();
                _sm2.Init(true, Sm2Curve.WithUserId(new ParametersWithRandom(_parameters, Sm2Curve.Random)));
            }
            _sm2.Reset(); // back to the digest of Z (GM/T 0003.2 section 6.1), whatever the last call left
            _sm2.BlockUpdate(message);
            return _sm2.GenerateSignature();
        }
    }

    /// <summary>The 32-byte secret, for storing in a key file with owner-only permissions.</summary>
    public byte[] ExportSecret() => (byte[])_secret.Clone();
}

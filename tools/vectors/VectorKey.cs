using System.Buffers.Binary;
using System.Text;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Prng;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;

namespace Regional.Vectors;

/// <summary>
/// A note key made from a fixed seed, signing deterministically so that regenerating the vectors gives
/// identical files: Ed25519 is deterministic anyway; SM2 (randomised) draws its nonce from a digest
/// generator seeded with the key's secret and the message, instead of the system's random source.
/// </summary>
/// <remarks>For vectors only: a nonce derived this way is fine for published test keys, and never
/// for a real key. The public side is LicenseVerifier's own <see cref="NoteVerifier"/>.</remarks>
internal sealed class VectorKey
{
    private static readonly ECDomainParameters Sm2Domain = new(CustomNamedCurves.GetByName("sm2p256v1"));
    private static readonly byte[] UserId = Encoding.ASCII.GetBytes("1234567812345678");

    private readonly byte[] _secret;

    private VectorKey(string name, NoteKeyKind kind, SignatureAlgorithm algorithm, byte[] secret)
    {
        _secret = secret;
        Key = PrivateKey.FromSecret(algorithm, secret);
        Verifier = NoteVerifier.Create(name, Key.PublicKey, kind);
    }

    /// <summary>The LicenseVerifier private key (its SM2 signatures are randomised: used for nothing written).</summary>
    public PrivateKey Key { get; }

    public NoteVerifier Verifier { get; }

    public string Name => Verifier.Name;

    public uint KeyId => Verifier.KeyId;

    /// <summary>The key of <paramref name="name"/> and <paramref name="kind"/> in a suite, from the seed
    /// H("regional-vectors/" || suite || "/" || label): the same every run.</summary>
    public static VectorKey Create(Suite suite, string name, NoteKeyKind kind, string label)
    {
        var seed = suite.Hash(Encoding.UTF8.GetBytes($"regional-vectors/{suite.Name}/{label}"));
        if (suite.SignatureAlgorithm == SignatureAlgorithm.Sm2)
        {
            // A scalar in [1, n-2], as PrivateKey.FromSecret requires.
            var d = new BigInteger(1, seed).Mod(Sm2Domain.N.Subtract(BigInteger.Two)).Add(BigInteger.One);
            var bytes = d.ToByteArrayUnsigned();
            seed = new byte[32];
            bytes.CopyTo(seed, 32 - bytes.Length);
        }
        return new VectorKey(name, kind, suite.SignatureAlgorithm, seed);
    }

    /// <summary>Signs a message: Ed25519 per RFC 8032; SM2 per GM/T 0009 (DER, default user id) with a
    /// nonce generator seeded from the secret and the message.</summary>
    public byte[] Sign(ReadOnlySpan<byte> message, byte[]? userId = null)
    {
        if (Key.Algorithm == SignatureAlgorithm.Ed25519)
        {
            return Key.Sign(message);
        }
        var generator = new DigestRandomGenerator(new Sha256Digest());
        generator.AddSeedMaterial(_secret);
        generator.AddSeedMaterial(message.ToArray());
        var random = new SecureRandom(generator);
        var signer = new SM2Signer(StandardDsaEncoding.Instance);
        var parameters = new ECPrivateKeyParameters(new BigInteger(1, _secret), Sm2Domain);
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(parameters, random), userId ?? UserId));
        signer.BlockUpdate(message);
        return signer.GenerateSignature();
    }

    /// <summary>A plain note signature over the note text.</summary>
    public NoteSignature SignNote(string text) => new(Name, KeyId, Sign(Encoding.UTF8.GetBytes(text)));

    /// <summary>A cosignature/v1 of a checkpoint body at POSIX time <paramref name="seconds"/>.</summary>
    public NoteSignature Cosign(string body, ulong seconds)
    {
        var signature = Sign(CosignatureMessage(seconds, body));
        var bytes = new byte[8 + signature.Length];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, seconds);
        signature.CopyTo(bytes, 8);
        return new NoteSignature(Name, KeyId, bytes);
    }

    /// <summary>"cosignature/v1\ntime T\n" || body (c2sp.org/tlog-cosignature), written here from the spec.</summary>
    public static byte[] CosignatureMessage(ulong seconds, string body) =>
        Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"cosignature/v1\ntime {seconds}\n{body}"));
}

using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Regional.LicenseVerifier.Crypto;

/// <summary>The SM2 curve sm2p256v1 and the GM/T 0009 signing conventions.</summary>
internal static class Sm2Curve
{
    /// <summary>GM/T 0009-2012 section 10: the default user id when none is agreed.</summary>
    public static readonly byte[] DefaultUserId = Encoding.ASCII.GetBytes("1234567812345678");

    public const int PublicKeySize = 65;
    public const int PrivateKeySize = 32;

    /// <summary>The curve with BouncyCastle's dedicated field arithmetic for sm2p256v1 (the same curve and points as
    /// GM/T 0003's parameters, in fixed-size words instead of big integers): signing and verifying cost several
    /// times less (docs/benchmarks.md, issue 15), and every block is signed once and verified by every mirror.</summary>
    public static readonly ECDomainParameters Domain = new(CustomNamedCurves.GetByName("sm2p256v1"));

    /// <summary>One generator for every signature's nonce: thread-safe, seeded once from the system.</summary>
    public static readonly Org.BouncyCastle.Security.SecureRandom Random = new();

    /// <summary>An SM2 signer with SM3 and the DER signature encoding of GM/T 0009.</summary>
    public static ISigner NewSigner() => new SM2Signer(StandardDsaEncoding.Instance);

    public static ICipherParameters WithUserId(ICipherParameters parameters) => new ParametersWithID(parameters, DefaultUserId);
}

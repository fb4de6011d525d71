using System.Text;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto;
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

    public static readonly ECDomainParameters Domain = new(GMNamedCurves.GetByName("sm2p256v1"));

    /// <summary>An SM2 signer with SM3 and the DER signature encoding of GM/T 0009.</summary>
    public static ISigner NewSigner() => new SM2Signer(StandardDsaEncoding.Instance);

    public static ICipherParameters WithUserId(ICipherParameters parameters) => new ParametersWithID(parameters, DefaultUserId);
}

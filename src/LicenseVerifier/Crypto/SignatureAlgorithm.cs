namespace Regional.LicenseVerifier.Crypto;

/// <summary>The signature algorithms of log, witness and consent keys.</summary>
public enum SignatureAlgorithm
{
    /// <summary>SM2 (GB/T 32918.2) with SM3 and the GM/T 0009 default user id "1234567812345678".
    /// Public keys are the 65-byte uncompressed point 0x04 || X || Y; signatures are the
    /// GM/T 0009 DER encoding SEQUENCE { INTEGER r, INTEGER s }.</summary>
    Sm2 = 1,

    /// <summary>Ed25519 (RFC 8032). Public keys are 32 bytes; signatures 64 bytes.</summary>
    Ed25519 = 2,
}

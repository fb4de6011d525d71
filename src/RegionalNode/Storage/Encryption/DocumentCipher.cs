using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Regional.LicenseVerifier.Crypto;

namespace Regional.Node.Storage.Encryption;

/// <summary>
/// Authenticated encryption of licence documents (field values and salts) at rest: SM4-GCM for
/// the gm suite, AES-256-GCM for intl. A sealed document is
/// version (1 byte) || nonce (12 random bytes) || ciphertext || tag (16 bytes).
/// </summary>
/// <remarks>
/// The version byte names the algorithm (0x01 SM4-GCM, 0x02 AES-256-GCM); a cipher opens only its
/// own version. The associated data (e.g. the licence id and version) binds a ciphertext to its row,
/// so a sealed document copied to another row does not open. Both suites take the node's 32-byte
/// data key: AES-256 uses it as is; SM4 takes a 128-bit key, derived as
/// HKDF-SM3(ikm = data key, salt = none, info = "regional/v1 document-cipher sm4-gcm"), 16 bytes,
/// so the whole data key counts and the same key file serves either suite.
/// Random 96-bit nonces: keep well under 2^32 encryptions per key (NIST SP 800-38D 8.3).
/// Immutable and thread-safe: every call uses its own cipher instance.
/// </remarks>
internal sealed class DocumentCipher
{
    public const int DataKeySize = 32;
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const byte Sm4GcmVersion = 0x01;
    public const byte Aes256GcmVersion = 0x02;
    private const int HeaderSize = 1 + NonceSize;

    private static readonly byte[] Sm4KeyInfo = "regional/v1 document-cipher sm4-gcm"u8.ToArray();

    private readonly byte[] _cipherKey;
    private readonly byte _version;

    private DocumentCipher(byte version, byte[] cipherKey)
    {
        _version = version;
        _cipherKey = cipherKey;
    }

    /// <summary>A cipher for the suite from the node's 32-byte data key.</summary>
    /// <exception cref="ArgumentException">The key is not 32 bytes.</exception>
    public static DocumentCipher Create(Suite suite, ReadOnlySpan<byte> key32)
    {
        ArgumentNullException.ThrowIfNull(suite);
        if (key32.Length != DataKeySize)
        {
            throw new ArgumentException($"data key: got {key32.Length} bytes, want {DataKeySize}", nameof(key32));
        }
        if (suite == Suite.Intl)
        {
            return new DocumentCipher(Aes256GcmVersion, key32.ToArray());
        }
        var hkdf = new HkdfBytesGenerator(new SM3Digest());
        hkdf.Init(new HkdfParameters(key32.ToArray(), null, Sm4KeyInfo));
        var sm4Key = new byte[16];
        hkdf.GenerateBytes(sm4Key, 0, sm4Key.Length);
        return new DocumentCipher(Sm4GcmVersion, sm4Key);
    }

    /// <summary>A cipher over a raw algorithm key (16 bytes SM4, 32 bytes AES-256), for known-answer tests.</summary>
    internal static DocumentCipher WithCipherKey(Suite suite, ReadOnlySpan<byte> cipherKey) =>
        (suite == Suite.Intl ? cipherKey.Length == 32 : cipherKey.Length == 16)
            ? new DocumentCipher(suite == Suite.Intl ? Aes256GcmVersion : Sm4GcmVersion, cipherKey.ToArray())
            : throw new ArgumentException($"cipher key: got {cipherKey.Length} bytes", nameof(cipherKey));

    /// <summary>Seals plaintext under a fresh random nonce.</summary>
    public byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        Span<byte> nonce = stackalloc byte[NonceSize];
        RandomNumberGenerator.Fill(nonce);
        return Encrypt(plaintext, associatedData, nonce);
    }

    /// <summary>Seals plaintext under the given nonce. Only for known-answer tests: a nonce must never repeat under a key.</summary>
    internal byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> nonce)
    {
        if (nonce.Length != NonceSize)
        {
            throw new ArgumentException($"nonce: got {nonce.Length} bytes, want {NonceSize}", nameof(nonce));
        }
        var output = new byte[HeaderSize + plaintext.Length + TagSize];
        output[0] = _version;
        nonce.CopyTo(output.AsSpan(1));
        var body = output.AsSpan(HeaderSize, plaintext.Length);
        var tag = output.AsSpan(HeaderSize + plaintext.Length);
        if (_version == Aes256GcmVersion)
        {
            using var aes = new AesGcm(_cipherKey, TagSize);
            aes.Encrypt(nonce, plaintext, body, tag, associatedData);
            return output;
        }
        var gcm = NewSm4Gcm(forEncryption: true, nonce, associatedData);
        var written = gcm.ProcessBytes(plaintext, output.AsSpan(HeaderSize));
        gcm.DoFinal(output.AsSpan(HeaderSize + written));
        return output;
    }

    /// <summary>Opens a sealed document; false if it is malformed, of another version, or fails authentication.</summary>
    public bool TryDecrypt(ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> associatedData, out byte[] plaintext)
    {
        plaintext = [];
        if (envelope.Length < HeaderSize + TagSize || envelope[0] != _version)
        {
            return false;
        }
        var nonce = envelope.Slice(1, NonceSize);
        var body = envelope[HeaderSize..^TagSize];
        var result = new byte[body.Length];
        try
        {
            if (_version == Aes256GcmVersion)
            {
                using var aes = new AesGcm(_cipherKey, TagSize);
                aes.Decrypt(nonce, body, envelope[^TagSize..], result, associatedData);
            }
            else
            {
                var gcm = NewSm4Gcm(forEncryption: false, nonce, associatedData);
                var buffer = new byte[body.Length + TagSize];
                var written = gcm.ProcessBytes(envelope[HeaderSize..], buffer);
                written += gcm.DoFinal(buffer.AsSpan(written));
                buffer.AsSpan(0, written).CopyTo(result);
                CryptographicOperations.ZeroMemory(buffer);
            }
        }
        catch (Exception ex) when (ex is CryptographicException or InvalidCipherTextException)
        {
            CryptographicOperations.ZeroMemory(result);
            return false;
        }
        plaintext = result;
        return true;
    }

    private GcmBlockCipher NewSm4Gcm(bool forEncryption, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData)
    {
        var gcm = new GcmBlockCipher(new SM4Engine());
        gcm.Init(forEncryption, new AeadParameters(new KeyParameter(_cipherKey), TagSize * 8, nonce.ToArray(), associatedData.ToArray()));
        return gcm;
    }
}

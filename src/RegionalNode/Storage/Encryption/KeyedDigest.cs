using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;
using Regional.LicenseVerifier.Crypto;

namespace Regional.Node.Storage.Encryption;

/// <summary>
/// A digest keyed by the node's data key, for values the database must be able to match but must
/// not give away: HMAC-SM3 (gm) or HMAC-SHA256 (intl) under a key derived as
/// Hash(label || data key), the construction of the holder index (<c>DocumentVault.HolderKey</c>,
/// label "regional/holder-index/v1\0"). A plain hash of a holder id or a request can be recomputed
/// from guesses by anyone who copies the database; this one only with <c>keys/data.key</c>.
/// </summary>
/// <remarks>One label per use, so the keys of two uses are unrelated and a value in one table cannot
/// be matched against another. Immutable and thread-safe: each call makes its own MAC.</remarks>
internal sealed class KeyedDigest
{
    private readonly Suite _suite;
    private readonly byte[] _key;

    /// <exception cref="ArgumentException">The data key is not 32 bytes or the label is empty.</exception>
    public KeyedDigest(Suite suite, ReadOnlySpan<byte> dataKey, ReadOnlySpan<byte> label)
    {
        ArgumentNullException.ThrowIfNull(suite);
        if (dataKey.Length != DataKeyFile.KeySize)
        {
            throw new ArgumentException($"data key: got {dataKey.Length} bytes, want {DataKeyFile.KeySize}", nameof(dataKey));
        }
        if (label.IsEmpty)
        {
            throw new ArgumentException("label: empty, want one label per use of the data key", nameof(label));
        }
        _suite = suite;
        var material = new byte[label.Length + dataKey.Length];
        label.CopyTo(material);
        dataKey.CopyTo(material.AsSpan(label.Length));
        _key = suite.Hash(material);
        CryptographicOperations.ZeroMemory(material);
    }

    /// <summary>HMAC(derived key, data): 32 bytes.</summary>
    public byte[] Compute(ReadOnlySpan<byte> data)
    {
        if (_suite == Suite.Intl)
        {
            return HMACSHA256.HashData(_key, data);
        }
        var mac = new HMac(new SM3Digest());
        mac.Init(new KeyParameter(_key));
        mac.BlockUpdate(data);
        var result = new byte[mac.GetMacSize()];
        mac.DoFinal(result);
        return result;
    }
}

using System.Text;
using System.Text.Json;
using Regional.LicenseVerifier.Crypto;
using Regional.Node.Storage.Encryption;

namespace Regional.Node.Licenses;

/// <summary>A field of a stored document: value and salt. Personal data.</summary>
internal sealed record StoredField(string Name, string Value, byte[] Salt);

/// <summary>What the issuing region keeps of a licence version, encrypted at rest.</summary>
internal sealed record StoredDocument(string HolderId, IReadOnlyList<StoredField> Fields);

/// <summary>
/// The issuing region's document store: seals documents with the suite's AEAD (SM4-GCM or
/// AES-256-GCM) under the node's data key, bound to licence id and version, and makes the keyed
/// holder index (HMAC of the holder id), so no holder id is stored in clear.
/// </summary>
internal sealed class DocumentVault
{
    private readonly DocumentCipher _cipher;
    private readonly KeyedDigest _holderIndex;

    public DocumentVault(Suite suite, ReadOnlySpan<byte> dataKey)
    {
        _cipher = DocumentCipher.Create(suite, dataKey);
        _holderIndex = new KeyedDigest(suite, dataKey, "regional/holder-index/v1\0"u8);
    }

    public byte[] Seal(string licenseId, uint version, StoredDocument document) =>
        _cipher.Encrypt(JsonSerializer.SerializeToUtf8Bytes(document), AssociatedData(licenseId, version));

    /// <exception cref="InvalidOperationException">The stored document fails authentication.</exception>
    public StoredDocument Open(string licenseId, uint version, byte[] sealedDocument)
    {
        if (!_cipher.TryDecrypt(sealedDocument, AssociatedData(licenseId, version), out var plaintext))
        {
            throw new InvalidOperationException($"the stored document of {licenseId} v{version} fails authentication: wrong data key or damaged store");
        }
        return JsonSerializer.Deserialize<StoredDocument>(plaintext)
            ?? throw new InvalidOperationException($"the stored document of {licenseId} v{version} is empty");
    }

    /// <summary>The keyed holder index key: HMAC(index key, holder id), SM3 or SHA-256 per suite.</summary>
    public byte[] HolderKey(string holderId) => _holderIndex.Compute(Encoding.UTF8.GetBytes(holderId.Trim()));

    private static byte[] AssociatedData(string licenseId, uint version) =>
        Encoding.UTF8.GetBytes($"regional/document/v1\n{licenseId}\n{version}");
}

using System.Security.Cryptography;
using System.Text;
using Regional.LicenseVerifier.Crypto;
using Regional.V1;

namespace Regional.LicenseVerifier.Digests;

/// <summary>
/// Salted per-field digests of a licence (DESIGN section 4): the log commits
/// H(salt || UTF-8(name) || 0x00 || UTF-8(value)) per field, with a fresh 16-byte salt each,
/// and a holder discloses chosen fields with their values and salts.
/// </summary>
/// <remarks>
/// Strings are hashed as their exact UTF-8 bytes, with no Unicode normalisation (NFC or other):
/// "é" as U+00E9 and as U+0065 U+0301 give different digests. Issuers must hash the value exactly
/// as they will hand it to the holder, and relying parties must pass disclosed values through
/// unchanged. Stateless and thread-safe.
/// </remarks>
public static class FieldDigests
{
    /// <summary>The length in bytes of every field salt.</summary>
    public const int SaltSize = 16;

    /// <summary>H(salt || UTF-8(name) || 0x00 || UTF-8(value)) with the suite's hash.</summary>
    /// <remarks>The 0x00 separator is unambiguous because names may not contain U+0000.</remarks>
    /// <exception cref="ArgumentException">salt is not <see cref="SaltSize"/> bytes, name contains
    /// U+0000, or a string has no UTF-8 form (a lone surrogate).</exception>
    public static byte[] Compute(Suite suite, ReadOnlySpan<byte> salt, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (salt.Length != SaltSize)
        {
            throw new ArgumentException($"salt: got {salt.Length} bytes, want {SaltSize}", nameof(salt));
        }
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("name: must not contain U+0000, the name/value separator", nameof(name));
        }
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var nameLength = strict.GetByteCount(name);
        var buffer = new byte[SaltSize + nameLength + 1 + strict.GetByteCount(value)];
        salt.CopyTo(buffer);
        strict.GetBytes(name, buffer.AsSpan(SaltSize));
        buffer[SaltSize + nameLength] = 0x00;
        strict.GetBytes(value, buffer.AsSpan(SaltSize + nameLength + 1));
        return suite.Hash(buffer);
    }

    /// <summary>Checks disclosed fields (name, value, salt) against a licence's committed digests.</summary>
    /// <remarks>Per field: <see cref="FieldOutcome.NotCommitted"/> when no digest has its name, else
    /// <see cref="FieldOutcome.BadSalt"/> when the salt is not 16 bytes, else Match or Mismatch,
    /// compared in constant time. A name disclosed twice, or committed twice, gives an
    /// <see cref="DisclosureCheck.Error"/> rather than an exception.</remarks>
    public static DisclosureCheck Check(Suite suite, IReadOnlyList<FieldDigest> committed, IReadOnlyList<DisclosedField> disclosed)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(committed);
        ArgumentNullException.ThrowIfNull(disclosed);
        var digests = new Dictionary<string, byte[]>(committed.Count, StringComparer.Ordinal);
        foreach (var digest in committed)
        {
            if (digest.Name.Contains('\0', StringComparison.Ordinal) || !digests.TryAdd(digest.Name, digest.Digest.ToByteArray()))
            {
                return DisclosureCheck.Failed($"committed digests: field name '{digest.Name}' is duplicated or contains U+0000");
            }
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in disclosed)
        {
            if (!seen.Add(field.Name))
            {
                return DisclosureCheck.Failed($"disclosed: field '{field.Name}' appears more than once");
            }
        }
        return DisclosureCheck.Checked(disclosed.Select(field => new FieldResult(field.Name, Outcome(suite, digests, field))));
    }

    private static FieldOutcome Outcome(Suite suite, Dictionary<string, byte[]> digests, DisclosedField field)
    {
        if (!digests.TryGetValue(field.Name, out var expected))
        {
            return FieldOutcome.NotCommitted;
        }
        if (field.Salt.Length != SaltSize)
        {
            return FieldOutcome.BadSalt;
        }
        byte[] actual;
        try
        {
            actual = Compute(suite, field.Salt.Span, field.Name, field.Value);
        }
        catch (EncoderFallbackException)
        {
            return FieldOutcome.Mismatch; // a lone surrogate has no UTF-8 form, so no issuer committed it
        }
        return CryptographicOperations.FixedTimeEquals(actual, expected) ? FieldOutcome.Match : FieldOutcome.Mismatch;
    }
}

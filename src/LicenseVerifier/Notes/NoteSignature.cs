using System.Buffers.Binary;

namespace Regional.LicenseVerifier.Notes;

/// <summary>One signature line of a signed note: <c>— name base64(key ID || signature)</c>.</summary>
/// <param name="KeyName">The signer's key name: non-empty, no space, newline or '+'.</param>
/// <param name="KeyId">The signer's 32-bit key ID (big-endian on the wire).</param>
/// <param name="Signature">The bytes after the key ID: the raw signature (Ed25519 64 bytes, SM2
/// DER), or for cosignatures the 8-byte big-endian POSIX timestamp followed by the signature.</param>
/// <remarks>Immutable; the bytes are copied. Equality compares the bytes.</remarks>
public sealed record NoteSignature(string KeyName, uint KeyId, ReadOnlyMemory<byte> Signature)
{
    /// <summary>The em dash and space that open every signature line.</summary>
    public const string LinePrefix = "\u2014 ";

    private readonly string _keyName = CheckName(KeyName);
    private readonly ReadOnlyMemory<byte> _signature = CheckSignature(Signature);

    /// <summary>The signer's key name.</summary>
    /// <exception cref="ArgumentException">On init: the name is not a valid key name.</exception>
    public string KeyName { get => _keyName; init => _keyName = CheckName(value); }

    /// <summary>The bytes after the key ID; never empty.</summary>
    /// <exception cref="ArgumentException">On init: the signature is empty.</exception>
    public ReadOnlyMemory<byte> Signature { get => _signature; init => _signature = CheckSignature(value); }

    /// <summary>The signature line, ending in a newline: <c>— name base64(key ID || signature)\n</c>.</summary>
    public string ToLine()
    {
        var bytes = new byte[sizeof(uint) + Signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, KeyId);
        Signature.Span.CopyTo(bytes.AsSpan(sizeof(uint)));
        return $"{LinePrefix}{KeyName} {Convert.ToBase64String(bytes)}\n";
    }

    /// <summary>Reads one signature line without its final newline.</summary>
    internal static ParseResult<NoteSignature> ParseLine(string line)
    {
        if (!line.StartsWith(LinePrefix, StringComparison.Ordinal))
        {
            return ParseResult.Fail<NoteSignature>($"signature line '{line}' does not start with an em dash (U+2014) and a space");
        }
        var rest = line[LinePrefix.Length..];
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return ParseResult.Fail<NoteSignature>($"signature line '{line}': want '— name base64'");
        }
        var name = rest[..space];
        if (NoteText.NameError(name) is { } nameError)
        {
            return ParseResult.Fail<NoteSignature>($"signature line: {nameError}");
        }
        if (!NoteText.TryDecodeBase64(rest[(space + 1)..], out var bytes))
        {
            return ParseResult.Fail<NoteSignature>($"signature line of '{name}': the signature is not canonical base64");
        }
        if (bytes.Length < sizeof(uint) + 1)
        {
            return ParseResult.Fail<NoteSignature>($"signature line of '{name}': got {bytes.Length} bytes, want at least 5 (key ID and signature)");
        }
        return ParseResult.Ok(new NoteSignature(name, BinaryPrimitives.ReadUInt32BigEndian(bytes), bytes.AsMemory(sizeof(uint))));
    }

    /// <inheritdoc/>
    public bool Equals(NoteSignature? other) =>
        other is not null && other.KeyName == KeyName && other.KeyId == KeyId && other.Signature.Span.SequenceEqual(Signature.Span);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(KeyName);
        hash.Add(KeyId);
        hash.AddBytes(Signature.Span);
        return hash.ToHashCode();
    }

    // Parameters are named as the record's, so exceptions name what the caller passed.
    private static string CheckName(string KeyName) =>
        NoteText.NameError(KeyName) is { } error ? throw new ArgumentException(error, nameof(KeyName)) : KeyName;

    private static ReadOnlyMemory<byte> CheckSignature(ReadOnlyMemory<byte> Signature) =>
        Signature.IsEmpty ? throw new ArgumentException("signature is empty", nameof(Signature)) : Signature.ToArray();
}

using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;
using Regional.LicenseVerifier.Crypto;

namespace Regional.LicenseVerifier.Notes;

/// <summary>A c2sp.org/tlog-checkpoint body: origin, tree size, base64 root hash, extension lines.</summary>
/// <param name="Origin">The log's unique identity, e.g. "regional.example/bj"; non-empty, one line.</param>
/// <param name="Size">The number of leaves in the tree.</param>
/// <param name="RootHash">The RFC 9162 root of the tree at <paramref name="Size"/>: 32 bytes.</param>
/// <param name="Extensions">Optional extra lines, each non-empty; signed but not audited.</param>
/// <remarks>Immutable: bytes and lines are copied, and every constructor and <c>with</c> checks the
/// invariants (throwing <see cref="ArgumentException"/>). Equality compares the contents.
/// <see cref="ToBody"/> and <see cref="ParseBody"/> are exact inverses on valid bodies.</remarks>
public sealed record Checkpoint(string Origin, ulong Size, ReadOnlyMemory<byte> RootHash, IReadOnlyList<string> Extensions)
{
    private readonly string _origin = CheckOrigin(Origin);
    private readonly ReadOnlyMemory<byte> _rootHash = CheckRoot(RootHash);
    private readonly IReadOnlyList<string> _extensions = CheckExtensions(Extensions);

    /// <summary>A checkpoint without extension lines.</summary>
    public Checkpoint(string origin, ulong size, ReadOnlyMemory<byte> rootHash)
        : this(origin, size, rootHash, [])
    {
    }

    /// <summary>The log's origin line.</summary>
    public string Origin { get => _origin; init => _origin = CheckOrigin(value); }

    /// <summary>The root hash, 32 bytes.</summary>
    public ReadOnlyMemory<byte> RootHash { get => _rootHash; init => _rootHash = CheckRoot(value); }

    /// <summary>The extension lines, without newlines.</summary>
    public IReadOnlyList<string> Extensions { get => _extensions; init => _extensions = CheckExtensions(value); }

    /// <summary>The note text: origin, size, base64 root and extension lines, each ending in a newline.</summary>
    public string ToBody()
    {
        var body = new StringBuilder()
            .Append(Origin).Append('\n')
            .Append(Size.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(Convert.ToBase64String(RootHash.Span)).Append('\n');
        foreach (var extension in Extensions)
        {
            body.Append(extension).Append('\n');
        }
        return body.ToString();
    }

    /// <summary>Reads a checkpoint body strictly: at least three lines each ending in a newline,
    /// a non-empty origin, a decimal size without sign or leading zeros ("0" for the empty tree)
    /// that fits 64 bits, canonical base64 of exactly 32 bytes, and no empty extension line.</summary>
    public static ParseResult<Checkpoint> ParseBody(string text)
    {
        if (text is null)
        {
            return ParseResult.Fail<Checkpoint>("checkpoint text: null");
        }
        if (SignedNote.TextError(text) is { } textError)
        {
            return ParseResult.Fail<Checkpoint>($"checkpoint {textError}");
        }
        var lines = text[..^1].Split('\n');
        if (lines.Length < 3)
        {
            return ParseResult.Fail<Checkpoint>($"checkpoint: got {lines.Length} lines, want origin, size and root hash");
        }
        if (lines[0].Length == 0)
        {
            return ParseResult.Fail<Checkpoint>("checkpoint: the origin line is empty");
        }
        var size = lines[1];
        if (size.Length == 0 || !size.All(char.IsAsciiDigit) || (size.Length > 1 && size[0] == '0')
            || !ulong.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var treeSize))
        {
            return ParseResult.Fail<Checkpoint>($"checkpoint: tree size '{size}' is not a decimal without leading zeros in 0..{ulong.MaxValue}");
        }
        if (!NoteText.TryDecodeBase64(lines[2], out var root) || root.Length != Suite.HashSize)
        {
            return ParseResult.Fail<Checkpoint>($"checkpoint: root hash '{lines[2]}' is not canonical base64 of {Suite.HashSize} bytes");
        }
        var extensions = lines[3..];
        if (Array.IndexOf(extensions, "") is var empty and >= 0)
        {
            return ParseResult.Fail<Checkpoint>($"checkpoint: extension line {empty + 4} is empty");
        }
        return ParseResult.Ok(new Checkpoint(lines[0], treeSize, root, extensions));
    }

    /// <inheritdoc/>
    public bool Equals(Checkpoint? other) =>
        other is not null && other.Origin == Origin && other.Size == Size
        && other.RootHash.Span.SequenceEqual(RootHash.Span) && other.Extensions.SequenceEqual(Extensions);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Origin, Size, Convert.ToBase64String(RootHash.Span), Extensions.Count);

    // Parameters are named as the record's, so exceptions name what the caller passed.
    private static string CheckOrigin(string Origin) =>
        string.IsNullOrEmpty(Origin) || Origin.Contains('\n', StringComparison.Ordinal) || NoteText.TextError(Origin) is not null
            ? throw new ArgumentException("origin: want one non-empty line without control characters", nameof(Origin))
            : Origin;

    private static ReadOnlyMemory<byte> CheckRoot(ReadOnlyMemory<byte> RootHash) =>
        RootHash.Length != Suite.HashSize
            ? throw new ArgumentException($"root hash: got {RootHash.Length} bytes, want {Suite.HashSize}", nameof(RootHash))
            : RootHash.ToArray();

    private static ReadOnlyCollection<string> CheckExtensions(IReadOnlyList<string> Extensions)
    {
        ArgumentNullException.ThrowIfNull(Extensions);
        if (Extensions.Any(e => string.IsNullOrEmpty(e) || e.Contains('\n', StringComparison.Ordinal) || NoteText.TextError(e) is not null))
        {
            throw new ArgumentException("extensions: want non-empty lines without control characters", nameof(Extensions));
        }
        return Array.AsReadOnly(Extensions.ToArray());
    }
}

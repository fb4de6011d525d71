using System.Text;

namespace Regional.LicenseVerifier.Notes;

/// <summary>A c2sp.org/signed-note: a text ending in a newline, a blank line, then one or more
/// signature lines <c>— name base64(key ID || signature)</c>.</summary>
/// <remarks>
/// <para>Immutable and thread-safe. Parsing is strict: valid UTF-8, no control character but
/// newline, canonical base64, at least one and at most <see cref="MaxSignatures"/> signatures,
/// at most one signature per (key name, key ID). Parsing checks syntax only; trust comes from
/// <see cref="NoteVerification"/>, and the text must be ignored until that succeeds.</para>
/// <para>The signature limit is 100, as in golang.org/x/mod/sumdb/note; the spec asks for at least 16.</para>
/// </remarks>
public sealed class SignedNote
{
    /// <summary>The most signature lines a note may carry.</summary>
    public const int MaxSignatures = 100;

    private readonly NoteSignature[] _signatures;

    private SignedNote(string text, NoteSignature[] signatures)
    {
        Text = text;
        _signatures = signatures;
    }

    /// <summary>The signed text, including its final newline but not the blank separator line.</summary>
    public string Text { get; }

    /// <summary>The signatures, in note order; none is verified by parsing.</summary>
    public IReadOnlyList<NoteSignature> Signatures => _signatures;

    /// <summary>Reads a note from its UTF-8 bytes, rejecting invalid UTF-8.</summary>
    public static ParseResult<SignedNote> ParseUtf8(ReadOnlySpan<byte> note)
    {
        try
        {
            return Parse(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(note));
        }
        catch (DecoderFallbackException)
        {
            return ParseResult.Fail<SignedNote>("note: invalid UTF-8");
        }
    }

    /// <summary>Reads a note strictly, or says what is wrong with it.</summary>
    public static ParseResult<SignedNote> Parse(string note)
    {
        if (note is null)
        {
            return ParseResult.Fail<SignedNote>("note: null");
        }
        if (NoteText.TextError(note) is { } error)
        {
            return ParseResult.Fail<SignedNote>($"note: {error}");
        }
        return ParseChecked(note);
    }

    /// <summary>Signs text with each signer (note signature keys) and returns the note.</summary>
    /// <exception cref="ArgumentException">The text does not end in a newline or has a control
    /// character, or there are no signers or more than <see cref="MaxSignatures"/>.</exception>
    /// <exception cref="InvalidOperationException">A signer is a cosignature key: use <see cref="Cosigner"/>.</exception>
    public static SignedNote Sign(string text, params NoteSigner[] signers)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(signers);
        if (TextError(text) is { } error)
        {
            throw new ArgumentException(error, nameof(text));
        }
        if (signers.Length is 0 or > MaxSignatures)
        {
            throw new ArgumentException($"signers: got {signers.Length}, want 1 to {MaxSignatures}", nameof(signers));
        }
        var note = new SignedNote(text, [signers[0].Sign(text)]);
        return signers.Skip(1).Aggregate(note, (n, s) => n.WithSignature(s.Sign(text)));
    }

    /// <summary>A note with the same text and signature added, replacing any signature with the
    /// same key name and key ID (so re-cosigning updates a witness's timestamp).</summary>
    /// <exception cref="InvalidOperationException">The note already has <see cref="MaxSignatures"/> signatures.</exception>
    public SignedNote WithSignature(NoteSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var index = Array.FindIndex(_signatures, s => s.KeyName == signature.KeyName && s.KeyId == signature.KeyId);
        if (index >= 0)
        {
            var replaced = (NoteSignature[])_signatures.Clone();
            replaced[index] = signature;
            return new SignedNote(Text, replaced);
        }
        if (_signatures.Length >= MaxSignatures)
        {
            throw new InvalidOperationException($"a note carries at most {MaxSignatures} signatures");
        }
        return new SignedNote(Text, [.. _signatures, signature]);
    }

    /// <summary>The note text form: text, blank line, signature lines.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(Text).Append('\n');
        foreach (var signature in _signatures)
        {
            builder.Append(signature.ToLine());
        }
        return builder.ToString();
    }

    /// <summary>Why text cannot be a note text, or null.</summary>
    internal static string? TextError(string text) =>
        NoteText.TextError(text) is { } error ? $"text: {error}"
        : !text.EndsWith('\n') ? "text: does not end with a newline"
        : null;

    private static ParseResult<SignedNote> ParseChecked(string note)
    {
        if (!note.EndsWith('\n'))
        {
            return ParseResult.Fail<SignedNote>("note: does not end with a newline (truncated or trailing garbage)");
        }
        var separator = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (separator < 0)
        {
            return ParseResult.Fail<SignedNote>("note: no blank line between the text and the signatures");
        }
        var block = note[(separator + 2)..];
        if (block.Length == 0)
        {
            return ParseResult.Fail<SignedNote>("note: no signature lines after the last blank line");
        }
        var lines = block[..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            return ParseResult.Fail<SignedNote>($"note: {lines.Length} signature lines, at most {MaxSignatures} allowed");
        }
        var signatures = new NoteSignature[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            var line = NoteSignature.ParseLine(lines[i]);
            if (!line.IsSuccess)
            {
                return ParseResult.Fail<SignedNote>($"note: {line.Error}");
            }
            signatures[i] = line.Value!;
            if (signatures.Take(i).Any(s => s.KeyName == signatures[i].KeyName && s.KeyId == signatures[i].KeyId))
            {
                return ParseResult.Fail<SignedNote>($"note: two signatures by {signatures[i].KeyName}+{NoteText.FormatKeyId(signatures[i].KeyId)}");
            }
        }
        return ParseResult.Ok(new SignedNote(note[..(separator + 1)], signatures));
    }
}

using System.Globalization;
using System.Text;

namespace Regional.LicenseVerifier.Notes;

/// <summary>Lexical rules shared by notes, keys and checkpoints.</summary>
internal static class NoteText
{
    /// <summary>Key names are non-empty and contain no Unicode space and no '+'.</summary>
    public static string? NameError(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "key name is empty";
        }
        if (TextError(name) is { } textError)
        {
            return $"key name: {textError}";
        }
        foreach (var rune in name.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || rune.Value == '+' || rune.Value == '\n')
            {
                return $"key name '{name}' contains a space, newline or '+'";
            }
        }
        return null;
    }

    /// <summary>Text must be valid Unicode (no lone surrogates) with no control character but '\n'.</summary>
    public static string? TextError(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"invalid UTF-8 (lone surrogate) at offset {i}";
            }
            else if (c < 0x20 && c != '\n')
            {
                return $"control character U+{(int)c:X4} at offset {i}";
            }
        }
        return null;
    }

    /// <summary>Strict standard base64 (RFC 4648 section 4): canonical padding and bits, no whitespace.</summary>
    public static bool TryDecodeBase64(string text, out byte[] bytes)
    {
        bytes = [];
        var buffer = new byte[(text.Length / 4 * 3) + 3];
        if (text.Length == 0 || !Convert.TryFromBase64String(text, buffer, out var written))
        {
            return false;
        }
        bytes = buffer[..written];
        return Convert.ToBase64String(bytes) == text;
    }

    /// <summary>Exactly 8 lowercase hex digits.</summary>
    public static bool TryParseKeyId(string text, out uint keyId)
    {
        keyId = 0;
        return text.Length == 8
            && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'))
            && uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out keyId);
    }

    public static string FormatKeyId(uint keyId) => keyId.ToString("x8", CultureInfo.InvariantCulture);
}

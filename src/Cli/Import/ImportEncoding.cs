using System.Text;

namespace Regional.Cli.Import;

/// <summary>
/// The text of an import file. Offices' exports come as UTF-8 (with or without a BOM) or, from
/// Excel on a Chinese Windows, as GB18030. Named with --encoding, or detected: bytes that are valid
/// UTF-8 are UTF-8 (a GB18030 file of Chinese text almost never is), anything else is GB18030.
/// Decoding is strict either way: a byte that is not of the encoding is an error, not a U+FFFD.
/// </summary>
internal static class ImportEncoding
{
    public const string Utf8 = "utf-8";
    public const string Gb18030 = "gb18030";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static ImportEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The file's text and the encoding it was read in.</summary>
    public static (string Text, string Encoding) Read(string path, string? encoding)
    {
        var bytes = File.ReadAllBytes(path);
        var bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        switch (encoding)
        {
            case Utf8:
                return (Utf8Text(bytes, bom) ?? throw new CliException($"FILE: {Path.GetFileName(path)} is not valid UTF-8; an Excel export from a Chinese Windows is usually --encoding {Gb18030}"), Utf8);
            case Gb18030:
                return (Gb18030Text(bytes) ?? throw new CliException($"FILE: {Path.GetFileName(path)} is not valid GB18030; try --encoding {Utf8}"), Gb18030);
            default:
                if (Utf8Text(bytes, bom) is { } utf8)
                {
                    return (utf8, Utf8);
                }
                return (Gb18030Text(bytes) ?? throw new CliException($"FILE: {Path.GetFileName(path)} is neither UTF-8 nor GB18030; give --encoding"), Gb18030);
        }
    }

    private static string? Utf8Text(byte[] bytes, int bom)
    {
        try
        {
            return StrictUtf8.GetString(bytes, bom, bytes.Length - bom);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static string? Gb18030Text(byte[] bytes)
    {
        try
        {
            return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}

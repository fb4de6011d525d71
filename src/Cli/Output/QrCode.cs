using QRCoder;

namespace Regional.Cli.Output;

/// <summary>A QR code drawn with Unicode half blocks (two modules per character cell), for a terminal.</summary>
internal static class QrCode
{
    /// <summary>The lines of the code of <paramref name="text"/>, quiet zone included, in QRCoder's
    /// default colours for a light-on-dark terminal.</summary>
    public static string[] Render(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.L);
        using var code = new AsciiQRCode(data);
        return code.GetGraphicSmall(drawQuietZones: true, invert: false, endOfLine: "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}

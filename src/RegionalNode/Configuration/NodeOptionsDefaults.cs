using Microsoft.Extensions.Options;
using Regional.LicenseVerifier.Certificates;

namespace Regional.Node.Configuration;

/// <summary>Fills the settings left unset from the region; leaves them unset when the region is unknown,
/// so that <see cref="NodeOptionsValidator"/> reports the region and nothing derived from it.</summary>
internal sealed class NodeOptionsDefaults : IPostConfigureOptions<NodeOptions>
{
    /// <summary>Where a mirror node listens unless told (regions use 7101..7103).</summary>
    public const int MirrorDefaultPort = 7200;

    public void PostConfigure(string? name, NodeOptions options)
    {
        if (options.IsMirror)
        {
            DefaultMirror(options);
            return;
        }
        var region = NodeRegion.Find(options.Region);
        if (region is null)
        {
            return;
        }
        options.DisplayName = Blank(options.DisplayName) ? region.DisplayName : options.DisplayName;
        options.DataDirectory = Path.GetFullPath(Blank(options.DataDirectory) ? Path.Combine("data", region.Code) : options.DataDirectory!);
        options.Listen = !Blank(options.Listen) ? options.Listen : region.DefaultPort is { } port ? $"127.0.0.1:{port}" : null;
        options.Origin = Blank(options.Origin) ? $"regional.example/{region.Code}" : options.Origin;
        options.SigningKeyPath = Path.GetFullPath(Blank(options.SigningKeyPath)
            ? Path.Combine(options.DataDirectory, "keys", "signing.key")
            : options.SigningKeyPath!);
        options.CertificatePath = Blank(options.CertificatePath) ? null : Path.GetFullPath(options.CertificatePath!);
        options.CertificateKeyPath = Blank(options.CertificateKeyPath) ? null : Path.GetFullPath(options.CertificateKeyPath!);
    }

    /// <summary>A mirror is named, not a region: its folder and display name come from its name; it has
    /// no origin and no signing key.</summary>
    private static void DefaultMirror(NodeOptions options)
    {
        if (!CertificateIdentity.IsName(options.MirrorName))
        {
            return;
        }
        options.DisplayName = Blank(options.DisplayName) ? options.MirrorName : options.DisplayName;
        options.DataDirectory = Path.GetFullPath(Blank(options.DataDirectory) ? Path.Combine("data", options.MirrorName) : options.DataDirectory!);
        options.Listen = Blank(options.Listen) ? $"127.0.0.1:{MirrorDefaultPort}" : options.Listen;
        options.CertificatePath = Blank(options.CertificatePath) ? null : Path.GetFullPath(options.CertificatePath!);
        options.CertificateKeyPath = Blank(options.CertificateKeyPath) ? null : Path.GetFullPath(options.CertificateKeyPath!);
    }

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);
}

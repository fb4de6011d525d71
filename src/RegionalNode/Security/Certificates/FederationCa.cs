using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Regional.Node.Errors;

namespace Regional.Node.Security.Certificates;

/// <summary>
/// The federation's CA as a node trusts it (Node:CaCertificatePath): the only root for mutual TLS.
/// A certificate is trusted when its chain ends at exactly this CA, it is within its validity (system
/// clock, as in the TLS stack) and it allows the usage asked for (serverAuth or clientAuth).
/// </summary>
/// <remarks>No revocation check: the development CA publishes no CRL or OCSP. Immutable; thread-safe.</remarks>
internal sealed class FederationCa : IDisposable
{
    public static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1", "Server Authentication");
    public static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2", "Client Authentication");

    private FederationCa(X509Certificate2 certificate, string path)
    {
        Certificate = certificate;
        Path = path;
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>The PEM file it was loaded from.</summary>
    public string Path { get; }

    /// <summary>Loads the CA certificate (PEM); the key is not needed, nor read.</summary>
    /// <exception cref="NodeStartupException">The file is missing, unreadable or not a CA certificate.</exception>
    public static FederationCa Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new NodeStartupException($"Node:CaCertificatePath: {path} is missing; want the federation CA certificate (PEM)");
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(File.ReadAllText(path));
        }
        catch (CryptographicException ex)
        {
            throw new NodeStartupException($"Node:CaCertificatePath: cannot read {path} as a PEM certificate: {ex.Message}", ex);
        }
        if (!IsCa(certificate))
        {
            certificate.Dispose();
            throw new NodeStartupException($"Node:CaCertificatePath: {path} is not a CA certificate (basic constraints CA:TRUE)");
        }
        return new FederationCa(certificate, path);
    }

    public static bool IsCa(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);

    /// <summary>Whether the certificate chains to this CA and allows the usage; else says why not.</summary>
    public bool Trusts(X509Certificate2 certificate, Oid usage, out string problem)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(usage);
        chain.ChainPolicy.DisableCertificateDownloads = true;
        if (!chain.Build(certificate))
        {
            problem = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Distinct());
            problem = problem.Length == 0 ? "chain does not build" : problem;
            return false;
        }
        var root = chain.ChainElements[^1].Certificate;
        if (!root.RawDataMemory.Span.SequenceEqual(Certificate.RawDataMemory.Span))
        {
            problem = $"issued under {root.Subject}, not the federation CA {Certificate.Subject}";
            return false;
        }
        problem = "";
        return true;
    }

    public void Dispose() => Certificate.Dispose();
}

namespace Regional.Node.Telemetry;

/// <summary>The host's log messages (source-generated; event ids 1..99).</summary>
internal static partial class NodeLog
{
    [LoggerMessage(1, LogLevel.Information, "Regional node {Region} ({DisplayName}), suite {Suite}, origin {Origin}, data {DataDirectory}")]
    public static partial void Starting(ILogger logger, string region, string displayName, string suite, string origin, string dataDirectory);

    [LoggerMessage(2, LogLevel.Information, "Signing key {Algorithm} {PublicKey} from {Path}")]
    public static partial void SigningKeyLoaded(ILogger logger, string algorithm, string publicKey, string path);

    [LoggerMessage(3, LogLevel.Warning, "Created a new signing key at {Path}: back it up, it signs this region's log")]
    public static partial void SigningKeyCreated(ILogger logger, string path);

    [LoggerMessage(4, LogLevel.Warning, "Created a self-signed development TLS certificate {CertificatePath} (key {KeyPath}), SHA-256 {Thumbprint}, valid until {NotAfter:u}")]
    public static partial void DevelopmentCertificateCreated(ILogger logger, string certificatePath, string keyPath, string thumbprint, DateTime notAfter);

    [LoggerMessage(5, LogLevel.Information, "Using the development TLS certificate {CertificatePath}, SHA-256 {Thumbprint}")]
    public static partial void DevelopmentCertificateReused(ILogger logger, string certificatePath, string thumbprint);

    [LoggerMessage(6, LogLevel.Information, "Using the TLS certificate {CertificatePath}, SHA-256 {Thumbprint}")]
    public static partial void CertificateLoaded(ILogger logger, string certificatePath, string thumbprint);

    [LoggerMessage(7, LogLevel.Information, "Serving gRPC over HTTP/2 with TLS on {Listen}")]
    public static partial void ServingTls(ILogger logger, string listen);

    [LoggerMessage(8, LogLevel.Warning, "Serving plaintext HTTP/2 (h2c) WITHOUT TLS on {Listen} (--insecure): for development only")]
    public static partial void ServingInsecure(ILogger logger, string listen);

    [LoggerMessage(9, LogLevel.Information, "Read-only mirror node {Name}, suite {Suite}, data {DataDirectory}")]
    public static partial void StartingMirror(ILogger logger, string name, string suite, string dataDirectory);
}

using Microsoft.Extensions.Options;
using Regional.LicenseVerifier.Crypto;

namespace Regional.Node.Configuration;

/// <summary>Checks the node's settings once, at start-up. Each failure names the option, says what it
/// got and what it wants: "Node:Region: got 'xx', want one of bj, tj, he".</summary>
internal sealed class NodeOptionsValidator : IValidateOptions<NodeOptions>
{
    public ValidateOptionsResult Validate(string? name, NodeOptions options)
    {
        var failures = new List<string>();
        if (options.Mode is not (NodeModes.Region or NodeModes.Mirror))
        {
            failures.Add($"Node:Mode: got '{options.Mode}', want {NodeModes.Region} or {NodeModes.Mirror} (--mode or REGIONAL_Node__Mode)");
        }
        else if (options.IsMirror)
        {
            NodeModes.CheckMirror(options, failures);
        }
        else if (NodeRegion.Find(options.Region) is null)
        {
            failures.Add($"Node:Region: got '{options.Region}', want {NodeRegion.Format} (--region or REGIONAL_Node__Region)");
        }
        else if (string.IsNullOrWhiteSpace(options.Listen))
        {
            failures.Add($"Node:Listen: empty; region {options.Region} has no default port: want host:port, e.g. 127.0.0.1:7104 (--listen or REGIONAL_Node__Listen)");
        }
        if (Suite.FromName(options.Suite) is null)
        {
            failures.Add($"Node:Suite: got '{options.Suite}', want gm or intl");
        }
        if (options.Listen is not null && !ListenAddress.TryParse(options.Listen, out _))
        {
            failures.Add($"Node:Listen: got '{options.Listen}', want host:port such as 127.0.0.1:7101");
        }
        if (!string.IsNullOrEmpty(options.MetricsListen) && (!ListenAddress.TryParse(options.MetricsListen, out var metrics) || metrics.Port == 0))
        {
            failures.Add($"Node:MetricsListen: got '{options.MetricsListen}', want host:port such as 127.0.0.1:9464, or nothing for no metrics endpoint");
        }
        if (!string.IsNullOrEmpty(options.StandbyListen) && (!ListenAddress.TryParse(options.StandbyListen, out var standby) || standby.Port == 0))
        {
            failures.Add($"Node:StandbyListen: got '{options.StandbyListen}', want host:port such as 10.0.0.12:7111, or nothing for no reads while standby");
        }
        OptionChecks.Range(failures, "Node", "MaxBlockEntries", options.MaxBlockEntries, 1, 100_000);
        OptionChecks.Range(failures, "Node", "StatusHeartbeatSeconds", options.StatusHeartbeatSeconds, 1, 86_400);
        OptionChecks.Range(failures, "Node", "MaxBlockBytes", options.MaxBlockBytes, 1024, 2 * 1024 * 1024);
        OptionChecks.Range(failures, "Node", "MaxConcurrentCalls", options.MaxConcurrentCalls, 1, 1_000_000);
        OptionChecks.Range(failures, "Node", "MaxConcurrentStreams", options.MaxConcurrentStreams, 1, 100_000);
        OptionChecks.Range(failures, "Node", "MaxConcurrentImports", options.MaxConcurrentImports, 1, 64);
        OptionChecks.Range(failures, "Node", "MaxRequestBytes", options.MaxRequestBytes, 1024, 256 * 1024 * 1024);
        OptionChecks.Range(failures, "Node", "MaxMirrorLagSeconds", options.MaxMirrorLagSeconds, 1, 7 * 24 * 3600);
        if ((options.CertificatePath is null) != (options.CertificateKeyPath is null))
        {
            failures.Add($"Node:CertificateKeyPath: got '{options.CertificateKeyPath}' with Node:CertificatePath "
                + $"'{options.CertificatePath}', want both PEM files or neither (neither: a development certificate)");
        }
        if (!string.IsNullOrEmpty(options.CaCertificatePath) && options.Insecure)
        {
            failures.Add($"Node:CaCertificatePath: got '{options.CaCertificatePath}' with Node:Insecure, want TLS for mutual TLS");
        }
        else if (!string.IsNullOrEmpty(options.CaCertificatePath) && options.CertificatePath is null)
        {
            failures.Add($"Node:CertificatePath: unset with Node:CaCertificatePath '{options.CaCertificatePath}', "
                + "want a certificate (and Node:CertificateKeyPath) issued by that CA for this region");
        }
        if (string.IsNullOrEmpty(options.CaCertificatePath) && !options.DevelopmentOpenAccess)
        {
            failures.Add("Node:CaCertificatePath: unset, so callers would have no identities and every licence, download and "
                + "grant would be open to anyone who can connect; want the federation CA (see docs/mutual-tls.md), or, on a "
                + "development machine only, --development-open-access (Node:DevelopmentOpenAccess=true)");
        }
        if (options.Origin is not null && (options.Origin.Length == 0 || options.Origin.Any(char.IsWhiteSpace)))
        {
            failures.Add($"Node:Origin: got '{options.Origin}', want a non-empty line without spaces");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

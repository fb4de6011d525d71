using System.CommandLine;
using Regional.Cli.Cluster;
using Regional.LicenseVerifier.Certificates;
using Regional.Provisioning;

namespace Regional.Cli.Commands;

/// <summary>`regional cluster client NAME --department D --role R`: issues a caller's client
/// certificate from the cluster's development CA, for use with `--as NAME`.</summary>
internal static class ClusterClientCommand
{
    private static readonly Argument<string> Name = new("name") { Description = "The certificate's file name in cluster/clients/, e.g. tj-housing-clerk2." };
    private static readonly Option<string> Department = new("--department") { Description = "The department code; its prefix is the region, e.g. tj-housing.", Required = true };
    private static readonly Option<string> Role = new("--role") { Description = "issuer, clerk, auditor or holder-app.", Required = true };
    private static readonly Option<string?> Subject = new("--subject") { Description = "The person or system named in the certificate (default: NAME)." };
    private static readonly Option<string?> Window = new("--window") { Description = "The service window the clerk sits at, e.g. binhai-hall: the place a window-bound grant matches." };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("client", """
            Issue a client certificate from the cluster's development CA, naming a department and a role.
            Example: regional cluster client tj-housing-clerk2 --department tj-housing --role clerk --subject "张三 窗口 3" --window hexi-hall
            """) { Name, Department, Role, Subject, Window };
        runner.Bind(command, RunAsync);
        return command;
    }

    private static Task<int> RunAsync(Invocation invocation)
    {
        var layout = new ClusterLayout(invocation.ClusterDirectory);
        var name = invocation.Value(Name);
        var department = invocation.Value(Department);
        var role = invocation.Value(Role);
        var region = department.Split('-')[0];
        var regions = ClusterSetup.Existing(layout)?.Regions.Select(r => r.Id).ToList() ?? [.. ClusterLayout.DefaultRegions];
        if (!CertificateIdentity.IsName(name) || !CertificateIdentity.IsDepartmentOf(department, region) || !regions.Contains(region))
        {
            throw new CliException($"name and --department: want [a-z0-9-], the department starting with a region of the cluster and '-' "
                + $"({string.Join(", ", regions.Select(r => r + "-"))}); got '{Output.SafeText.Escape(name)}', '{Output.SafeText.Escape(department)}'");
        }
        var window = invocation.Value(Window);
        if (window is not null && !CertificateIdentity.IsName(window))
        {
            throw new CliException($"--window: got '{Output.SafeText.Escape(window)}', want a window code of [a-z0-9-], at most 32, e.g. binhai-hall");
        }
        if (!ClientRoles.IsKnown(role))
        {
            throw new CliException($"--role: got '{role}', want one of {ClientRoles.Names}");
        }
        if (!File.Exists(layout.CaKey))
        {
            throw new CliException($"no development CA in {layout.Directory}: run `regional cluster up` first", ExitCodes.Usage);
        }
        if (File.Exists(layout.ClientCertificate(name)))
        {
            throw new CliException($"{layout.ClientCertificate(name)} exists already: choose another name");
        }
        using var ca = DevelopmentCa.Load(layout.CaCertificate, layout.CaKey);
        using var certificate = ca.IssueClient(region, department, role, invocation.Value(Subject) ?? name, DateTimeOffset.UtcNow, window);
        DevelopmentCa.SavePem(certificate, layout.ClientCertificate(name), layout.ClientKey(name));
        var identity = CertificateIdentity.ClientUri(region, department, role, window);
        if (invocation.Json)
        {
            invocation.WriteJson(new { name, identity, certificate = layout.ClientCertificate(name), key = layout.ClientKey(name) });
        }
        else
        {
            invocation.Out.WriteLine($"Issued {name} ({identity}): {layout.ClientCertificate(name)}; use it with --as {name}");
        }
        return Task.FromResult(ExitCodes.Success);
    }
}

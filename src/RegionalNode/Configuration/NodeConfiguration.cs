namespace Regional.Node.Configuration;

/// <summary>The node's configuration sources on top of ASP.NET Core's defaults (appsettings.json, ...):
/// REGIONAL_-prefixed environment variables, then the command line with short switches, which wins.</summary>
internal static class NodeConfiguration
{
    public const string EnvironmentPrefix = "REGIONAL_";

    /// <summary>Short command-line switches and the keys they set.</summary>
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>
    {
        ["--region"] = "Node:Region",
        ["--name"] = "Node:DisplayName",
        ["--data"] = "Node:DataDirectory",
        ["--listen"] = "Node:Listen",
        ["--suite"] = "Node:Suite",
        ["--insecure"] = "Node:Insecure",
        ["--development-open-access"] = "Node:DevelopmentOpenAccess",
        ["--mode"] = "Node:Mode",
        ["--mirror-name"] = "Node:MirrorName",
    };

    public static IConfigurationBuilder AddNodeConfiguration(this IConfigurationBuilder configuration, string[] args)
    {
        configuration.AddEnvironmentVariables(EnvironmentPrefix);
        configuration.AddCommandLine(ExpandFlags(args), new Dictionary<string, string>(SwitchMappings));
        return configuration;
    }

    /// <summary>The switches that stand alone as flags.</summary>
    private static readonly string[] Flags = ["--insecure", "--development-open-access"];

    /// <summary>Lets a flag ("--insecure") stand alone: the command-line provider wants a value after
    /// every switch, so a bare one (last, or followed by another switch) becomes "--insecure=true".</summary>
    internal static string[] ExpandFlags(string[] args)
    {
        var expanded = (string[])args.Clone();
        for (var i = 0; i < expanded.Length; i++)
        {
            var isLast = i == expanded.Length - 1;
            if (Flags.Contains(expanded[i]) && (isLast || expanded[i + 1].StartsWith('-')))
            {
                expanded[i] += "=true";
            }
        }
        return expanded;
    }
}

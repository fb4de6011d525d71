using System.CommandLine;

namespace Regional.Cli;

/// <summary>The options every command takes, defined once and attached to the root (recursive).</summary>
internal static class CommonOptions
{
    public static readonly Option<string?> Node = new("--node", "-n")
    {
        Description = "The node to call: a region of the cluster, e.g. bj, tj, he (endpoints from its trust file), or a URL. Default: $REGIONAL_NODE, else bj.",
        Recursive = true,
    };

    public static readonly Option<string?> Cluster = new("--cluster", "--dir")
    {
        Description = "The cluster folder (CA, client certificates, trust file). Default: $REGIONAL_CLUSTER, else ./cluster.",
        Recursive = true,
    };

    public static readonly Option<string?> As = new("--as")
    {
        Description = "The client certificate to present, by name in <cluster>/clients/ (bj-samr-issuer, bj-natural-resources-issuer, tj-housing-clerk, tj-power-clerk, he-tax-clerk, auditor, bj-holder-app, tj-holder-app, he-holder-app). Default: the one of the node's region.",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print machine-readable JSON (protobuf JSON for API answers) and nothing else on stdout.",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Say more, and print stack traces of unexpected errors.",
        Recursive = true,
    };

    public static readonly Option<double?> Timeout = Checked(new Option<double?>("--timeout")
    {
        Description = "Seconds a call to a node may take, retries included. Default: 10 for a read, 30 for a write, 600 for an import or a ledger audit.",
        Recursive = true,
    });

    public static IEnumerable<Option> All => [Node, Cluster, As, Json, Verbose, Timeout];

    private static Option<double?> Checked(Option<double?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is <= 0 or > 86400)
            {
                result.AddError("--timeout: want seconds, more than 0 and at most 86400");
            }
        });
        return option;
    }
}

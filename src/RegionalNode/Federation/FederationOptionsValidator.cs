using Microsoft.Extensions.Options;
using Regional.Node.Configuration;

namespace Regional.Node.Federation;

/// <summary>Checks the federation's settings once, at start-up, as <see cref="Hosting.NodeOptionsValidator"/>
/// does the node's: each failure names the option, what it got and what it wants. A trust file that is
/// named but missing stops the node here, rather than leaving it running alone without saying so.</summary>
internal sealed class FederationOptionsValidator : IValidateOptions<FederationOptions>
{
    public ValidateOptionsResult Validate(string? name, FederationOptions options)
    {
        var failures = new List<string>();
        if (options.TrustFile is { Length: > 0 } trust && !File.Exists(trust))
        {
            failures.Add($"Federation:TrustFile: got '{trust}', which does not exist; want the federation's trust file (JSON), or unset to run alone");
        }
        if (options.WitnessKeyPath is { } witness && (witness.Length == 0 || Directory.Exists(witness)))
        {
            failures.Add($"Federation:WitnessKeyPath: got '{witness}', want a key file path (created on first start)");
        }
        OptionChecks.Range(failures, "Federation", "ReconnectMs", options.ReconnectMs, 10, 60_000);
        OptionChecks.Range(failures, "Federation", "WitnessTimeoutMs", options.WitnessTimeoutMs, 100, 120_000);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

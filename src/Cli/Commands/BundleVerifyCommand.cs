using System.CommandLine;
using Regional.Cli.Output;
using Regional.LicenseVerifier.Bundles;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>`regional bundle verify FILE`: checks a downloaded licence offline, with only the trust file.</summary>
internal static class BundleVerifyCommand
{
    private static readonly Argument<FileInfo> File = BundleFile.Argument();
    private static readonly Option<FileInfo?> Trust = BundleFile.TrustOption("");
    private static readonly Option<int?> Quorum = new("--quorum") { Description = "Witness cosignatures a checkpoint needs. Default: the trust file's witnessQuorum." };
    private static readonly Option<string?> MaxAge = new("--max-age") { Description = "How old the status proof may be, e.g. 2h, 90m, 7d. Default: the trust file's maxStatusAge (24h)." };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("verify", """
            Check a downloaded licence offline (no network): the checkpoint's signature and cosignatures,
            the licence entry's inclusion, its status proof (the licence's entry in the region's status map,
            which no left-out revocation can pass) and its fields. Says which checks passed, and as of when:
            VALID as of <time> (exit 0); STALE (exit 1) when the status proof is older than --max-age;
            REVOKED, SUSPENDED, EXPIRED, SUPERSEDED, MISMATCH or a failed check (exit 1).
            Refresh an old file with: regional bundle refresh FILE
            Example: regional bundle verify licence.json --trust cluster/trust.json --max-age 2h
            """) { File, Trust, Quorum, MaxAge };
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var trust = BundleFile.Trust(invocation, Trust);
        var (bundle, disclosed) = BundleFile.Read(await System.IO.File.ReadAllTextAsync(invocation.Value(File).FullName, invocation.Cancel));
        var maxAge = invocation.Value(MaxAge) is { } text
            ? StatusAge.Parse(text) ?? throw new CliException($"--max-age: got '{text}', want a whole number and a unit, e.g. 2h, 90m, 7d", ExitCodes.Usage)
            : trust.Policy.MaxStatusAge;
        var policy = new TrustPolicy(trust.Suite, trust.Policy.Logs, invocation.Value(Quorum) ?? trust.WitnessQuorum) { MaxStatusAge = maxAge };
        var now = DateTimeOffset.UtcNow;
        var check = BundleVerifier.Verify(bundle, policy, now, disclosed);
        var file = invocation.Value(File).FullName;
        if (invocation.Json)
        {
            invocation.WriteJson(new
            {
                check.IsValid, Failure = check.Failure.ToString(), check.Detail, Status = Names.Of(check.Status), check.LicenseId,
                check.Region, check.TreeSize, check.StatusAsOf, check.IsStale, MaxStatusAge = check.MaxStatusAge.ToString(),
                check.CurrentVersion, Cosignatures = check.Cosignatures.Select(c => c.Name), check.Passed,
                Fields = check.Fields.Select(f => new { f.Name, Outcome = f.Outcome.ToString() }),
            });
        }
        else
        {
            var screen = invocation.Screen;
            foreach (var passed in check.Passed)
            {
                screen.Say(Marks.Green("✓"), $" {passed}");
            }
            if (!check.IsValid)
            {
                screen.Say(Marks.Red("✗"), $" {check.Failure}: {check.Detail}");
            }
            var name = check.LicenseId.Length > 0 ? check.LicenseId : "licence";
            if (!check.IsValid)
            {
                screen.Say($"{name}: ", Marks.Status(check.Status));
                if (check.Failure == BundleFailure.MissingStatusProof)
                {
                    invocation.Out.WriteLine($"Refresh it from any region's node: regional bundle refresh {Quote(file)}");
                }
            }
            else
            {
                var asOf = $"as of {check.StatusAsOf:yyyy-MM-dd HH:mm:ss}Z ({StatusAge.Describe(now - check.StatusAsOf!.Value)} ago)";
                if (check.IsStale)
                {
                    screen.Say($"{name}: ", Marks.Yellow("STALE"), $": {Names.Of(check.Status)} {asOf}, older than the {StatusAge.Describe(check.MaxStatusAge)} allowed");
                    invocation.Out.WriteLine($"Refresh it from any region's node: regional bundle refresh {Quote(file)}");
                }
                else
                {
                    screen.Say($"{name}: ", Marks.Status(check.Status), $" {asOf} ({check.Detail})");
                }
            }
        }
        return check.IsValid && !check.IsStale && check.Status == VerificationStatus.Valid ? ExitCodes.Success : ExitCodes.Negative;
    }

    /// <summary>A path as a shell would need it typed.</summary>
    private static string Quote(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        var shown = relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
        return shown.All(c => char.IsLetterOrDigit(c) || c is '.' or '/' or '-' or '_') ? shown : $"'{shown.Replace("'", "'\\''", StringComparison.Ordinal)}'";
    }
}

using System.CommandLine;
using Google.Protobuf;
using Regional.Cli.Cluster;
using Regional.Cli.Output;
using Regional.LicenseVerifier.Bundles;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>`regional bundle verify FILE`: checks a downloaded licence offline, with only the trust file.</summary>
internal static class BundleVerifyCommand
{
    private static readonly Argument<FileInfo> File = new("FILE") { Description = "A file written by `regional license download` (or a ProofBundle as protobuf JSON)." };
    private static readonly Option<FileInfo?> Trust = new("--trust") { Description = "The federation's trust file. Default: <cluster>/trust.json." };
    private static readonly Option<int?> Quorum = new("--quorum") { Description = "Witness cosignatures a checkpoint needs. Default: the trust file's witnessQuorum." };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("verify", """
            Check a downloaded licence offline (no network): the checkpoint's signature and cosignatures,
            the licence entry's inclusion, its status entries and its fields. Says which checks passed.
            Example: regional bundle verify licence.json --trust cluster/trust.json
            """) { File, Trust, Quorum };
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var trustPath = invocation.Value(Trust)?.FullName ?? new ClusterLayout(invocation.ClusterDirectory).TrustFile;
        var trust = Connection.TrustLookup.Load(trustPath);
        var (bundle, disclosed) = Read(await System.IO.File.ReadAllTextAsync(invocation.Value(File).FullName, invocation.Cancel));
        var policy = new TrustPolicy(trust.Suite, trust.Policy.Logs, invocation.Value(Quorum) ?? trust.WitnessQuorum);
        var check = BundleVerifier.Verify(bundle, policy, DateTimeOffset.UtcNow, disclosed);
        if (invocation.Json)
        {
            invocation.WriteJson(new
            {
                check.IsValid, Failure = check.Failure.ToString(), check.Detail, Status = Names.Of(check.Status), check.LicenseId,
                check.Region, check.TreeSize, Cosignatures = check.Cosignatures.Select(c => c.Name), check.Passed,
                Fields = check.Fields.Select(f => new { f.Name, Outcome = f.Outcome.ToString() }),
            });
        }
        else
        {
            var style = invocation.Style;
            foreach (var passed in check.Passed)
            {
                invocation.Out.WriteLine($"{style.Green("✓")} {passed}");
            }
            if (!check.IsValid)
            {
                invocation.Out.WriteLine($"{style.Red("✗")} {check.Failure}: {check.Detail}");
            }
            invocation.Out.WriteLine($"{(check.LicenseId.Length > 0 ? check.LicenseId : "licence")}: {style.Status(check.Status)}{(check.IsValid ? $" ({check.Detail})" : "")}");
        }
        return check.IsValid && check.Status == VerificationStatus.Valid ? ExitCodes.Success : ExitCodes.Negative;
    }

    private static (ProofBundle Bundle, IReadOnlyList<DisclosedField> Disclosed) Read(string json)
    {
        try
        {
            var download = JsonParser.Default.Parse<DownloadLicenseResponse>(json);
            if (download.Proof is not null)
            {
                return (download.Proof, download.Document?.Fields.ToList() ?? []);
            }
        }
        catch (InvalidProtocolBufferException)
        {
            // Not a download: perhaps a bare proof bundle.
        }
        try
        {
            return (JsonParser.Default.Parse<ProofBundle>(json), []);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new CliException($"FILE: not a downloaded licence or proof bundle (protobuf JSON): {ex.Message}", ExitCodes.Negative);
        }
    }
}

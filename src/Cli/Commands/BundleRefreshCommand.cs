using System.CommandLine;
using Google.Protobuf;
using Regional.Cli.Output;
using Regional.LicenseVerifier.Bundles;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>`regional bundle refresh FILE`: replaces a downloaded licence's status part with a fresh one from
/// any region's node (GetStatusProof); the document, salts and fields are left as they are.</summary>
internal static class BundleRefreshCommand
{
    private static readonly Argument<FileInfo> File = BundleFile.Argument();
    private static readonly Option<FileInfo?> Trust = BundleFile.TrustOption(", to check the fresh proof before writing it");

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("refresh", """
            Bring a downloaded licence's status up to date: ask a node (any region's: the issuer's or a mirror;
            no personal data leaves the file) for a fresh status proof of the same licence entry, check it
            offline against the trust file, and put it into the file in place. The document, its salts and its
            fields are untouched. Then `regional bundle verify FILE` reports the current status.
            Example: regional bundle refresh licence.json --node he
            """) { File, Trust };
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var path = invocation.Value(File).FullName;
        var text = await System.IO.File.ReadAllTextAsync(path, invocation.Cancel);
        var (old, _) = BundleFile.Read(text);
        var licenseId = LicenseIdOf(old.Entry) ?? throw new CliException("FILE: its bundle's entry is not a licence issued or amended", ExitCodes.Negative);
        var trust = BundleFile.Trust(invocation, Trust);
        var response = await LicenseOptions.Client(invocation).GetStatusProofAsync(
            new GetStatusProofRequest { LicenseId = licenseId, LeafIndex = old.LeafIndex }, cancellationToken: invocation.Cancel);
        var fresh = response.Proof;
        if (fresh is null || fresh.Entry != old.Entry || fresh.LeafIndex != old.LeafIndex || fresh.Origin != old.Origin)
        {
            throw new CliException($"{invocation.Target.Name} answered with another licence entry than the file's; the file is unchanged", ExitCodes.Negative);
        }
        var check = BundleVerifier.Verify(fresh, trust.Policy, DateTimeOffset.UtcNow);
        if (!check.IsValid)
        {
            throw new CliException($"{invocation.Target.Name}'s status proof fails a check ({check.Failure}: {check.Detail}); the file is unchanged", ExitCodes.Negative);
        }
        var updated = Replace(text, fresh);
        var temporary = path + ".refresh";
        await System.IO.File.WriteAllTextAsync(temporary, updated, invocation.Cancel);
        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(temporary, System.IO.File.GetUnixFileMode(path)); // a holder's copy keeps who may read it
        }
        System.IO.File.Move(temporary, path, overwrite: true);
        if (invocation.Json)
        {
            invocation.WriteJson(new { LicenseId = licenseId, Status = Names.Of(check.Status), check.StatusAsOf, check.TreeSize, Node = invocation.Target.Name });
        }
        else
        {
            invocation.Screen.Say($"{licenseId}: status proof refreshed from {invocation.Target.Name}: ", Marks.Status(check.Status), $" as of {check.StatusAsOf:yyyy-MM-dd HH:mm:ss}Z (ledger size {check.TreeSize})");
        }
        return ExitCodes.Success;
    }

    /// <summary>The file's text with its bundle replaced, in the form it had (a download or a bare bundle).</summary>
    private static string Replace(string text, ProofBundle fresh)
    {
        try
        {
            var download = JsonParser.Default.Parse<DownloadLicenseResponse>(text);
            if (download.Proof is not null)
            {
                download.Proof = fresh;
                return JsonOutput.Format(download) + "\n";
            }
        }
        catch (InvalidProtocolBufferException)
        {
            // A bare proof bundle.
        }
        return JsonOutput.Format(fresh) + "\n";
    }

    private static string? LicenseIdOf(ByteString entry)
    {
        try
        {
            var parsed = LedgerEntry.Parser.ParseFrom(entry);
            return parsed.LicenseIssued?.LicenseId ?? parsed.LicenseAmended?.LicenseId;
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }
}

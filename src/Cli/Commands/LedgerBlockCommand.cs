using System.CommandLine;
using Grpc.Core;
using Regional.Cli.Output;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>`regional ledger block N`: one block's header and entries, from the own log or a mirror.</summary>
internal static class LedgerBlockCommand
{
    private static readonly Argument<ulong> Height = new("N") { Description = "The block height (0 is the first block)." };
    private static readonly Option<string?> Log = new("--log") { Description = "Whose log: a region, e.g. tj (a mirror), or an origin. Default: the node's own." };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("block", """
            Show one block: header (height, leaves, root, checkpoint) and a line per entry.
            Example: regional ledger block 0 --node tj --log bj
            """) { Height, Log };
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        // Reading blocks needs the auditor (or issuer, node) role: a region's default clerk may not.
        invocation.DefaultClient = _ => "auditor";
        var client = new LedgerService.LedgerServiceClient(invocation.Calls);
        var log = invocation.Value(Log);
        var origin = log is null ? "" : Connection.TrustLookup.Origin(log, new Cluster.ClusterLayout(invocation.ClusterDirectory).TrustFile);
        var request = new GetBlocksRequest { Origin = origin, FromHeight = invocation.Value(Height) };
        using var call = client.GetBlocks(request, cancellationToken: invocation.Cancel);
        if (!await call.ResponseStream.MoveNext(invocation.Cancel))
        {
            throw new CliException($"no block {request.FromHeight} in {(log ?? "the own log")} of {invocation.Target.Name}", ExitCodes.Negative);
        }
        var block = call.ResponseStream.Current;
        if (invocation.Json)
        {
            invocation.WriteJson(block);
            return ExitCodes.Success;
        }
        var header = BlockHeader.Parser.ParseFrom(block.Header);
        invocation.Screen.Pairs(
            ("block", $"{header.Height} of {header.Region} ({header.Origin})"),
            ("leaves", $"{header.FirstLeafIndex} .. {header.FirstLeafIndex + header.LeafCount - 1} ({header.LeafCount}), tree size {header.TreeSize}"),
            ("root", Convert.ToHexStringLower(header.RootHash.Span)),
            ("previous", Convert.ToHexStringLower(header.PreviousBlockHash.Span)),
            ("sealed", Names.Time(header.SealedAt)));
        foreach (var line in header.Checkpoint.TrimEnd().Split('\n'))
        {
            invocation.Screen.Say(Marks.Dim(line));
        }
        var table = Marks.Table("leaf", "kind", "about");
        var leaf = header.FirstLeafIndex;
        foreach (var bytes in block.Entries)
        {
            var entry = LedgerEntry.Parser.ParseFrom(bytes);
            table.Row((leaf++).ToString(System.Globalization.CultureInfo.InvariantCulture), entry.KindCase.ToString(), About(entry));
        }
        invocation.Screen.Write(table);
        return ExitCodes.Success;
    }

    private static string About(LedgerEntry entry) => entry.KindCase switch
    {
        LedgerEntry.KindOneofCase.CatalogEntry => $"{entry.CatalogEntry.LicenseType.Code} revision {entry.CatalogEntry.Revision}",
        LedgerEntry.KindOneofCase.LicenseIssued => $"{entry.LicenseIssued.LicenseId} {entry.LicenseIssued.LicenseType}",
        LedgerEntry.KindOneofCase.LicenseAmended => $"{entry.LicenseAmended.LicenseId} version {entry.LicenseAmended.Version}",
        LedgerEntry.KindOneofCase.LicenseStatusChanged => $"{entry.LicenseStatusChanged.LicenseId} {Names.Of(entry.LicenseStatusChanged.Status)}",
        LedgerEntry.KindOneofCase.AccessRecorded => $"{entry.AccessRecorded.LicenseId} {entry.AccessRecorded.Kind}",
        LedgerEntry.KindOneofCase.SharingApplied => $"{entry.SharingApplied.ApplicationId} {entry.SharingApplied.ApplicantDepartment} applies for {entry.SharingApplied.LicenseType}",
        LedgerEntry.KindOneofCase.SharingApproved => $"{entry.SharingApproved.ApplicationId} approved",
        LedgerEntry.KindOneofCase.SharingRefused => $"{entry.SharingRefused.ApplicationId} refused",
        LedgerEntry.KindOneofCase.SharingRevoked => $"{entry.SharingRevoked.ApplicationId} revoked",
        _ => "",
    };
}

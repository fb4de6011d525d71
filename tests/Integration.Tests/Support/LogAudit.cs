using Grpc.Core;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Merkle;
using Regional.LicenseVerifier.StatusMap;
using Regional.V1;

namespace Regional.Integration.Tests.Support;

/// <summary>What re-verifying a node's own log from the first entry found: the headers by height and
/// the licence id each leaf issues (empty for other entries). Problems is empty when the log is whole.</summary>
internal sealed record AuditedLog(IReadOnlyList<BlockHeader> Headers, IReadOnlyList<string> IssuedIds, IReadOnlyList<string> Problems)
{
    /// <summary>The status map rebuilt from every licence entry of the log.</summary>
    public MemoryStatusMap StatusMap { get; init; } = new();

    public ulong TreeSize => (ulong)IssuedIds.Count;

    public byte[] Root(Suite suite) => Headers.Count == 0 ? suite.EmptyRoot.ToArray() : Headers[^1].RootHash.ToByteArray();
}

/// <summary>
/// Reads every block of a node's own log from height 0 (GetBlocks) and checks it is whole: heights
/// 0, 1, 2, … without a gap; each header's previous hash is the hash of the previous header's exact
/// bytes (32 zero bytes for the first); leaf ranges follow each other with no gap or overlap; and the
/// root rebuilt with a <see cref="CompactRange"/> from every entry so far equals each header's root
/// and size. A half-written block breaks at least one of these. The status map is rebuilt as well, from the
/// licence entries alone: every block must end with one StatusRoot entry holding the rebuilt root.
/// </summary>
internal static class LogAudit
{
    public static async Task<AuditedLog> RunAsync(LedgerService.LedgerServiceClient ledger, Suite suite)
    {
        using var call = ledger.GetBlocks(new GetBlocksRequest { FromHeight = 0, Follow = false });
        var headers = new List<BlockHeader>();
        var ids = new List<string>();
        var problems = new List<string>();
        var range = CompactRange.Empty(suite);
        var previousHash = new byte[Suite.HashSize];
        var map = new MemoryStatusMap();
        await foreach (var block in call.ResponseStream.ReadAllAsync())
        {
            var header = BlockHeader.Parser.ParseFrom(block.Header);
            var height = (ulong)headers.Count;
            Check(problems, header.Height == height, $"height: got {header.Height}, want {height}");
            Check(problems, header.PreviousBlockHash.Span.SequenceEqual(previousHash), $"block {height}: previous hash is not the hash of block {height - 1}");
            Check(problems, header.FirstLeafIndex == range.Size, $"block {height}: first leaf {header.FirstLeafIndex}, want {range.Size}");
            Check(problems, header.LeafCount == (ulong)block.Entries.Count, $"block {height}: leaf count {header.LeafCount}, but {block.Entries.Count} entries");
            var update = new StatusMapUpdate(suite, map);
            LedgerEntry? last = null;
            foreach (var entry in block.Entries)
            {
                var leaf = range.Size;
                range = range.Append(suite.HashLeaf(entry.Span));
                var parsed = LedgerEntry.Parser.ParseFrom(entry);
                ids.Add(parsed.KindCase == LedgerEntry.KindOneofCase.LicenseIssued ? parsed.LicenseIssued.LicenseId : "");
                if (last is not null)
                {
                    LicenseStatusMap.Apply(suite, update, leaf - 1, last);
                }
                last = parsed;
            }
            var (statusRoot, changed) = update.Commit();
            map.Store(changed);
            Check(problems, last?.StatusRoot is { } root && root.Root.Span.SequenceEqual(statusRoot),
                $"block {height}: its last entry is not a StatusRoot holding the status map rebuilt from the log's entries");
            Check(problems, header.TreeSize == range.Size, $"block {height}: tree size {header.TreeSize}, entries give {range.Size}");
            Check(problems, header.RootHash.Span.SequenceEqual(range.Root()), $"block {height}: root differs from the root rebuilt from all entries");
            previousHash = suite.Hash(block.Header.Span);
            headers.Add(header);
        }
        return new AuditedLog(headers, ids, problems) { StatusMap = map };
    }

    private static void Check(List<string> problems, bool condition, string problem)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }
}

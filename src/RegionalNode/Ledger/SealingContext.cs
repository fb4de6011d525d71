using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Ledger;
using Regional.LicenseVerifier.Merkle;
using Regional.Node.Storage;
using Regional.V1;

namespace Regional.Node.Ledger;

/// <summary>
/// What a command sees while its block is being sealed: the writer's session inside the block
/// transaction (reads see earlier commands of the same block), the clock reading for the block,
/// and <see cref="Append"/>, which sequences an entry (gives it the next leaf index) and
/// integrates it (extends the tree, storing every completed subtree hash).
/// </summary>
internal sealed class SealingContext
{
    private readonly long _logId;
    private readonly List<ulong> _appended = [];
    private readonly List<(ulong Leaf, LedgerEntry Entry)> _blockEntries = [];
    private int _entriesBeforeCommand;
    private readonly long _maxBlockBytes;
    private long _bytesBeforeCommand;

    /// <summary>The most bytes one entry may have: far below any block budget, so that a block can always
    /// take at least one command and every block stays small enough for a peer to mirror. Commands bound
    /// what callers send well below it; reaching it refuses that command alone.</summary>
    public const int MaxEntryBytes = 64 * 1024;

    public SealingContext(IStoreSession session, Suite suite, string region, long logId, CompactRange range, ulong blockHeight, DateTimeOffset now,
        long maxBlockBytes = long.MaxValue)
    {
        _maxBlockBytes = maxBlockBytes;
        Session = session;
        Suite = suite;
        Region = region;
        _logId = logId;
        Range = range;
        BlockHeight = blockHeight;
        Now = now;
    }

    /// <summary>The writer's session, inside the block's write transaction: what a command reads and writes.</summary>
    public IStoreSession Session { get; }

    public Suite Suite { get; }

    public string Region { get; }

    /// <summary>The log's id in this database.</summary>
    public long LogId => _logId;

    /// <summary>The height the block being sealed will have.</summary>
    public ulong BlockHeight { get; }

    /// <summary>The time of this block, from the injected clock.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Keys the fingerprints of idempotent requests; null in a sealer that runs no request
    /// with an id (the key ceremony), where a command with a request id is a bug.</summary>
    public RequestFingerprint? Fingerprints { get; init; }

    /// <summary>The tree including every entry appended so far.</summary>
    public CompactRange Range { get; private set; }

    /// <summary>The bytes of every entry appended so far (what the block will carry).</summary>
    public long EntryBytes { get; private set; }

    /// <summary>Every entry appended to the block so far, with its leaf index: what moves the status map.</summary>
    public IReadOnlyList<(ulong Leaf, LedgerEntry Entry)> BlockEntries => _blockEntries;

    /// <summary>Leaf indices appended by the command now running.</summary>
    public IReadOnlyList<ulong> AppendedByCurrent => _appended;

    /// <summary>Appends an entry: stamps region, version and time, stores the exact bytes and
    /// the tree nodes it completes, and returns its leaf index.</summary>
    public ulong Append(LedgerEntry entry) => Append(entry, checkBudget: true);

    /// <summary>Appends the block's StatusRoot entry, its last: never deferred by the byte budget (it is small
    /// and every block must end with one).</summary>
    internal ulong AppendStatusRoot(byte[] root) =>
        Append(new LedgerEntry { StatusRoot = new StatusRoot { Root = ByteString.CopyFrom(root) } }, checkBudget: false);

    private ulong Append(LedgerEntry entry, bool checkBudget)
    {
        entry.FormatVersion = 1;
        entry.Region = Region;
        entry.RecordedAt = Timestamp.FromDateTimeOffset(Now);
        if (EntryRules.Check(entry, Region, new StoredLicenseHistory(Session.Licenses, _logId)) is { } problem)
        {
            // The commands check more strictly first; reaching this is a bug, never a caller's error.
            throw new InvalidOperationException($"refusing to write an invalid {entry.KindCase} entry: {problem}");
        }
        var bytes = entry.ToByteArray();
        if (bytes.Length > MaxEntryBytes)
        {
            throw new Errors.NodeException(Grpc.Core.StatusCode.InvalidArgument, "ENTRY_TOO_LARGE",
                $"the {entry.KindCase} entry would be {bytes.Length} bytes, want at most {MaxEntryBytes}: shorten the request's text");
        }
        if (checkBudget && _bytesBeforeCommand > 0 && EntryBytes + bytes.Length > _maxBlockBytes)
        {
            // Checked per entry: the command goes into the next block whole, so no block passes its budget
            // (only the first command of a block may, bounded by MaxEntryBytes per entry).
            throw new BlockFullException();
        }
        var leafIndex = Range.Size;
        var leafHash = Suite.HashLeaf(bytes);
        Session.Log.InsertEntry(_logId, leafIndex, BlockHeight, bytes, leafHash);
        Range = Range.Append(leafHash, (id, hash) => Session.Log.InsertNode(_logId, id, hash));
        EntryBytes += bytes.Length;
        _appended.Add(leafIndex);
        _blockEntries.Add((leafIndex, entry));
        return leafIndex;
    }

    /// <summary>Starts a command: remembers the tree so a refused command can be undone.</summary>
    internal CompactRange BeginCommand()
    {
        _appended.Clear();
        _bytesBeforeCommand = EntryBytes;
        _entriesBeforeCommand = _blockEntries.Count;
        return Range;
    }

    /// <summary>Undoes the in-memory part of a refused command (its savepoint rolls back the rest).</summary>
    internal void RollbackCommand(CompactRange before)
    {
        Range = before;
        EntryBytes = _bytesBeforeCommand;
        _appended.Clear();
        _blockEntries.RemoveRange(_entriesBeforeCommand, _blockEntries.Count - _entriesBeforeCommand);
    }
}

/// <summary>The block being sealed has no room for the command now running: it is undone and goes first
/// into the next block.</summary>
internal sealed class BlockFullException() : Exception("the block reached its byte budget");

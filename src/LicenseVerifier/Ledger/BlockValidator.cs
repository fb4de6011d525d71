using Google.Protobuf;
using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Merkle;
using Regional.LicenseVerifier.Notes;
using Regional.LicenseVerifier.StatusMap;
using Regional.V1;
using Checkpoint = Regional.LicenseVerifier.Notes.Checkpoint;

namespace Regional.LicenseVerifier.Ledger;

/// <summary>Where a mirror of a log stands before the next block: the last block's height and
/// hash (none before genesis) and the tree so far.</summary>
public sealed record MirrorPosition(ulong? Height, ReadOnlyMemory<byte> LastBlockHash, CompactRange Range)
{
    /// <summary>The key that signs the next checkpoint: the new key of the log's last KeyRotated
    /// entry; null while the log has not rotated, and then the trust policy's keys apply.</summary>
    public NoteVerifier? IssuerKey { get; init; }

    /// <summary>A mirror that holds nothing yet.</summary>
    public static MirrorPosition Genesis(Suite suite) => new(null, new byte[Suite.HashSize], CompactRange.Empty(suite));
}

/// <summary>What is wrong with a replicated block, checked in this order.</summary>
public enum BlockFailure
{
    /// <summary>Nothing was checked: the zero value of the enum, never a success (see <see cref="BlockCheck.IsValid"/>).</summary>
    NotChecked,

    /// <summary>The block may be stored.</summary>
    None,
    /// <summary>The header or an entry is not valid protobuf, or the block is empty or too large.</summary>
    Malformed,
    /// <summary>The header names another region or origin.</summary>
    WrongLog,
    /// <summary>The height is not the next one.</summary>
    HeightGap,
    /// <summary>The previous-block hash is not the hash of the mirror's last header.</summary>
    PreviousHashMismatch,
    /// <summary>The leaf range does not continue the mirror's tree, or disagrees with the entries.</summary>
    LeafRangeMismatch,
    /// <summary>The checkpoint is malformed or names another origin, size or root than the header.</summary>
    CheckpointMismatch,
    /// <summary>The checkpoint is not validly signed by a key of the log.</summary>
    IssuerSignature,
    /// <summary>The root recomputed from the mirror's tree plus the new leaves differs from the signed root.</summary>
    RootMismatch,
    /// <summary>An entry breaks the rules of its kind, or the block does not end with its one StatusRoot entry.</summary>
    InvalidEntry,
    /// <summary>The block's StatusRoot is not the status map root the mirror recomputes from its own map
    /// plus the block's entries: the issuer left a change out of its map, or forged it.</summary>
    StatusRootMismatch,
}

/// <summary>The outcome of checking a block; on success, what the mirror stores and moves to.</summary>
public sealed record BlockCheck(BlockFailure Failure, string Detail)
{
    /// <summary>Whether the block may be stored.</summary>
    public bool IsValid => Failure == BlockFailure.None;

    /// <summary>The parsed header.</summary>
    public BlockHeader? Header { get; init; }

    /// <summary>The parsed entries, in leaf order.</summary>
    public IReadOnlyList<LedgerEntry> Entries { get; init; } = [];

    /// <summary>The mirror's position after the block, with the key that signs the next checkpoint.</summary>
    public MirrorPosition? Next { get; init; }

    /// <summary>The key rotation the block records, or null: from the next block on, checkpoints
    /// are signed by its new key (<see cref="MirrorPosition.IssuerKey"/> of <see cref="Next"/>).</summary>
    public KeyRotation? Rotation { get; init; }

    /// <summary>Every complete subtree the block's leaves complete, leaves (level 0) included,
    /// as the check computed them: a mirror stores these rather than hashing again.</summary>
    public IReadOnlyList<(NodeId Id, byte[] Hash)> Nodes { get; init; } = [];

    /// <summary>The status map nodes the block's entries changed, to store as the map's version at
    /// the block's tree size.</summary>
    public IReadOnlyList<(MapPosition Position, MapNode Node)> StatusMapNodes { get; init; } = [];

    /// <summary>The status root the block commits to (its last entry), as recomputed.</summary>
    public byte[] StatusRoot { get; init; } = [];

    /// <summary>On <see cref="BlockFailure.StatusRootMismatch"/>: the root the issuer signed (its block's
    /// StatusRoot entry), beside the recomputed <see cref="StatusRoot"/>, as evidence.</summary>
    public byte[] ClaimedStatusRoot { get; init; } = [];
}

/// <summary>
/// Checks a block replicated from another region before a mirror stores it: header continuity,
/// the issuer's signature on the checkpoint, the Merkle root recomputed from the mirror's own tree
/// plus the new leaves, and every entry against the rules of its kind.
/// </summary>
/// <remarks>Key rotation: the checkpoint must be signed by the position's key (the last rotation's
/// new key) or, before any rotation, by a key of the trust policy valid at its size. A KeyRotated
/// entry must name that signing key as its previous key and carry its endorsement of the new key;
/// the new key then signs from the next block on, and the old one is refused.</remarks>
/// <remarks>Status map: the block's last entry, and only it, is a StatusRoot whose root must equal the
/// root of <c>statusMap</c> (the mirror's map before the block) after the block's licence entries.</remarks>
/// <remarks>Pure and thread-safe; never throws for hostile input. Cost: one signature check per
/// block, one hash per leaf and interior node, and O(log n) map reads and hashes per licence entry.</remarks>
public static partial class BlockValidator
{
    /// <summary>Most entries one block may carry.</summary>
    public const int MaxEntries = 100_000;

    /// <summary>Drops unknown fields, so re-encoding shows whether the header was canonical.</summary>
    private static readonly MessageParser<BlockHeader> CanonicalHeader = BlockHeader.Parser.WithDiscardUnknownFields(true);

    /// <summary>Checks <paramref name="block"/> as the next block after <paramref name="position"/>.</summary>
    public static BlockCheck Validate(Suite suite, TrustedLog log, MirrorPosition position, Block block, ILicenseHistory history, IStatusMapSource statusMap)
    {
        if (TryParse(block.Header, CanonicalHeader) is not { } header)
        {
            return new(BlockFailure.Malformed, "the header is not a valid BlockHeader");
        }
        if (!header.ToByteArray().AsSpan().SequenceEqual(block.Header.Span))
        {
            // Unknown or re-ordered fields are signed by nobody; the next block's previous hash
            // would pin them, so accepting them could strand the mirror. Headers are canonical.
            return new(BlockFailure.Malformed, "the header is not in canonical encoding (unknown, repeated or re-ordered fields)");
        }
        if (block.Entries.Count is 0 or > MaxEntries)
        {
            return new(BlockFailure.Malformed, $"the block holds {block.Entries.Count} entries, want 1 to {MaxEntries}");
        }
        if (header.Region != log.Region || header.Origin != log.Origin)
        {
            return new(BlockFailure.WrongLog, $"block of {header.Region} / {header.Origin}, want {log.Region} / {log.Origin}");
        }
        var height = position.Height is { } h ? h + 1 : 0;
        if (header.Height != height)
        {
            return new(BlockFailure.HeightGap, $"block height {header.Height}, want {height}");
        }
        if (!header.PreviousBlockHash.Span.SequenceEqual(position.LastBlockHash.Span))
        {
            return new(BlockFailure.PreviousHashMismatch, $"block {height} does not chain to the mirror's block {position.Height}");
        }
        if (header.LeafCount != (ulong)block.Entries.Count
            || header.FirstLeafIndex != position.Range.Size || header.TreeSize != header.FirstLeafIndex + header.LeafCount)
        {
            return new(BlockFailure.LeafRangeMismatch,
                $"block {height} claims leaves [{header.FirstLeafIndex}, +{header.LeafCount}) to size {header.TreeSize} with {block.Entries.Count} entries; the mirror holds {position.Range.Size}");
        }
        if (CheckpointProblem(log, position, header, out var signer) is { } checkpoint)
        {
            return checkpoint;
        }
        var range = position.Range;
        var nodes = new List<(NodeId Id, byte[] Hash)>(2 * block.Entries.Count);
        foreach (var entry in block.Entries)
        {
            range = range.Append(suite.HashLeaf(entry.Span), (id, hash) => nodes.Add((id, hash)));
        }
        if (!range.Root().AsSpan().SequenceEqual(header.RootHash.Span))
        {
            return new(BlockFailure.RootMismatch, $"block {height}: the root of the mirror's tree plus these entries is not the signed root");
        }
        var entries = CheckEntries(log, header, block, history, range, suite, nodes);
        if (!entries.IsValid)
        {
            return entries;
        }
        var mapped = CheckStatusRoot(suite, header, entries, statusMap);
        return mapped.IsValid ? WithRotation(mapped, position, signer!) : mapped;
    }

    private static BlockCheck? CheckpointProblem(TrustedLog log, MirrorPosition position, BlockHeader header, out NoteVerifier? signer)
    {
        signer = null;
        var note = SignedNote.Parse(header.Checkpoint);
        var body = note.IsSuccess ? Checkpoint.ParseBody(note.Value!.Text) : default;
        if (!note.IsSuccess || !body.IsSuccess)
        {
            return new(BlockFailure.CheckpointMismatch, $"block {header.Height}: checkpoint malformed: {note.Error ?? body.Error}");
        }
        var checkpoint = body.Value!;
        if (checkpoint.Origin != log.Origin || checkpoint.Size != header.TreeSize || !checkpoint.RootHash.Span.SequenceEqual(header.RootHash.Span))
        {
            return new(BlockFailure.CheckpointMismatch, $"block {header.Height}: checkpoint is for {checkpoint.Origin} size {checkpoint.Size}, not the header's");
        }
        var keys = position.IssuerKey is { } rotated ? log with { IssuerKeys = [rotated] } : log;
        var issuer = keys.CheckIssuer(note.Value!, checkpoint.Size);
        if (!issuer.IsValid)
        {
            var expected = position.IssuerKey is { } k ? $" (want {k.VerifierKey}, the key the log rotated to)" : "";
            return new(BlockFailure.IssuerSignature, $"block {header.Height}: checkpoint not validly signed by a key of {log.Origin}{expected}: {issuer.Failure}: {issuer.Detail}");
        }
        signer = issuer.Signer;
        return null;
    }

    private static BlockCheck CheckEntries(TrustedLog log, BlockHeader header, Block block, ILicenseHistory history, CompactRange range, Suite suite, IReadOnlyList<(NodeId Id, byte[] Hash)> nodes)
    {
        var overlay = new MemoryLicenseHistory(history);
        var entries = new List<LedgerEntry>(block.Entries.Count);
        for (var i = 0; i < block.Entries.Count; i++)
        {
            var leaf = header.FirstLeafIndex + (ulong)i;
            if (TryParse(block.Entries[i], LedgerEntry.Parser) is not { } entry)
            {
                return new(BlockFailure.Malformed, $"leaf {leaf} is not a valid LedgerEntry");
            }
            if (EntryRules.Check(entry, log.Region, overlay) is { } problem)
            {
                return new(BlockFailure.InvalidEntry, $"leaf {leaf}: {problem}");
            }
            var last = i == block.Entries.Count - 1;
            if (last != (entry.KindCase == LedgerEntry.KindOneofCase.StatusRoot))
            {
                return new(BlockFailure.InvalidEntry, last
                    ? $"leaf {leaf}: a block ends with its StatusRoot entry, not {entry.KindCase}"
                    : $"leaf {leaf}: a StatusRoot entry before the block's last leaf");
            }
            overlay.Apply(entry);
            entries.Add(entry);
        }
        var next = new MirrorPosition(header.Height, suite.Hash(block.Header.Span), range);
        return new(BlockFailure.None, $"block {header.Height}: {entries.Count} entries to size {header.TreeSize}")
        {
            Header = header,
            Entries = entries,
            Next = next,
            Nodes = nodes,
        };
    }

    private static BlockCheck CheckStatusRoot(Suite suite, BlockHeader header, BlockCheck check, IStatusMapSource statusMap)
    {
        var update = new StatusMapUpdate(suite, statusMap);
        try
        {
            for (var i = 0; i < check.Entries.Count - 1; i++)
            {
                LicenseStatusMap.Apply(suite, update, header.FirstLeafIndex + (ulong)i, check.Entries[i]);
            }
        }
        catch (InvalidOperationException ex)
        {
            // The licence history knew the licence but the map does not: the mirror's own data disagree.
            return new(BlockFailure.StatusRootMismatch, $"block {header.Height}: {ex.Message}");
        }
        var (root, changed) = update.Commit();
        var signed = check.Entries[^1].StatusRoot.Root;
        if (!signed.Span.SequenceEqual(root))
        {
            return new(BlockFailure.StatusRootMismatch,
                $"block {header.Height}: status root {Convert.ToHexStringLower(signed.Span)}, the mirror's map gives {Convert.ToHexStringLower(root)}")
            {
                Header = header,
                StatusRoot = root,
                ClaimedStatusRoot = signed.ToByteArray(),
            };
        }
        return check with { StatusMapNodes = changed, StatusRoot = root };
    }

    private static T? TryParse<T>(ByteString bytes, MessageParser<T> parser) where T : class, IMessage<T>
    {
        try
        {
            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }
}

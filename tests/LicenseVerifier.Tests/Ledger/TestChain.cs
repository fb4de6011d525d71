using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Merkle;
using Regional.LicenseVerifier.Notes;
using Regional.LicenseVerifier.StatusMap;
using Regional.V1;
using Checkpoint = Regional.LicenseVerifier.Notes.Checkpoint;

namespace Regional.LicenseVerifier.Tests.Ledger;

/// <summary>
/// A region's log as its node seals it, in memory: each block's header carries the region, origin,
/// height, H(previous header bytes) (32 zero bytes at height 0), the leaf range, the tree size and
/// root after the block, and the checkpoint signed by the issuer key named for the origin, as
/// RegionalNode's BlockSealer writes them. Entries are not checked: a chain seals what it is given.
/// Like the sealer, the chain keeps a status map: <see cref="Seal(LedgerEntry[])"/> and
/// <see cref="Closed"/> end a block with the StatusRoot entry of the map after the block's licence
/// entries (recorded at the block's time); <see cref="SealBytes"/> and <see cref="Build"/> take the
/// bytes as given, so a hostile block may lack its root.
/// </summary>
internal sealed class TestChain(Suite suite, string region, NoteSigner issuer)
{
    public static readonly DateTimeOffset SealedAt = new(2026, 3, 2, 9, 30, 1, TimeSpan.Zero);

    private readonly MemoryStatusMap _map = new();
    private CompactRange _range = CompactRange.Empty(suite);
    private byte[] _lastHash = new byte[Suite.HashSize];
    private ulong? _height;

    public string Region => region;

    public string Origin => issuer.Name;

    /// <summary>The chain's status map after the blocks sealed so far.</summary>
    public IStatusMapSource StatusMap => _map;

    /// <summary>The time of the next block: its header's sealed_at and its StatusRoot's recorded_at.</summary>
    public DateTimeOffset NextBlockTime => SealedAt.AddSeconds(_height is { } h ? (double)h + 1 : 0);

    /// <summary>Seals the entries, then their StatusRoot entry, as the next block and moves the chain on.</summary>
    public Block Seal(params LedgerEntry[] entries) => SealBytes(Closed([.. entries.Select(e => e.ToByteArray())]));

    /// <summary>The entry bytes followed by the honest StatusRoot entry of the map after them.</summary>
    public byte[][] Closed(IReadOnlyList<byte[]> entries) => [.. entries, RootEntry(Update(entries).Commit().Root).ToByteArray()];

    /// <summary>The StatusRoot entry the chain's next block would end with, holding the root given.</summary>
    public LedgerEntry RootEntry(byte[] root) => ChainEntries.Entry(region, e =>
    {
        e.RecordedAt = Timestamp.FromDateTimeOffset(NextBlockTime);
        e.StatusRoot = new StatusRoot { Root = ByteString.CopyFrom(root) };
    });

    /// <summary>Seals entry bytes (valid or not) as the next block and moves the chain on.</summary>
    public Block SealBytes(IReadOnlyList<byte[]> entries, Action<BlockHeader>? tweak = null, NoteSigner? signedBy = null)
    {
        var block = Build(entries, tweak, signedBy);
        var header = BlockHeader.Parser.ParseFrom(block.Header);
        _height = header.Height;
        _lastHash = suite.Hash(block.Header.Span);
        _map.Store(Update(entries).Commit().Changed);
        _range = Append(_range, entries);
        return block;
    }

    /// <summary>The next block of entries, without moving the chain on.</summary>
    /// <param name="entries">The exact entry bytes.</param>
    /// <param name="tweak">Changes the honest header before its checkpoint is signed; a tweak that sets
    /// a checkpoint keeps it, otherwise the checkpoint is signed for the header's origin, size and root.</param>
    /// <param name="signedBy">The key that signs the checkpoint; the issuer by default.</param>
    public Block Build(IReadOnlyList<byte[]> entries, Action<BlockHeader>? tweak = null, NoteSigner? signedBy = null)
    {
        var range = Append(_range, entries);
        var height = _height is { } h ? h + 1 : 0;
        var header = new BlockHeader
        {
            Region = region,
            Origin = Origin,
            Height = height,
            PreviousBlockHash = ByteString.CopyFrom(_lastHash),
            FirstLeafIndex = _range.Size,
            LeafCount = (ulong)entries.Count,
            TreeSize = range.Size,
            RootHash = ByteString.CopyFrom(range.Root()),
            SealedAt = Timestamp.FromDateTimeOffset(SealedAt.AddSeconds(height)),
        };
        tweak?.Invoke(header);
        if (header.Checkpoint.Length == 0)
        {
            header.Checkpoint = SignCheckpoint(signedBy ?? issuer, header.Origin, header.TreeSize, header.RootHash.Memory);
        }
        var block = new Block { Header = header.ToByteString() };
        block.Entries.Add(entries.Select(e => ByteString.CopyFrom(e)));
        return block;
    }

    /// <summary>The block with its header parsed, changed and serialised again (nothing is re-signed).</summary>
    public static Block WithHeader(Block block, Action<BlockHeader> change)
    {
        var header = BlockHeader.Parser.ParseFrom(block.Header);
        change(header);
        return new Block { Header = header.ToByteString(), Entries = { block.Entries } };
    }

    /// <summary>The signed-note text of a checkpoint, as the sealer publishes it.</summary>
    public static string SignCheckpoint(NoteSigner signer, string origin, ulong size, ReadOnlyMemory<byte> root) =>
        SignedNote.Sign(new Checkpoint(origin, size, root).ToBody(), signer).ToString();

    /// <summary>The chain's map moved by whichever entries parse and can move it, leaf by leaf; the
    /// rest (garbage, changes of unknown licences, bad statuses) leave it as it was.</summary>
    private StatusMapUpdate Update(IReadOnlyList<byte[]> entries)
    {
        var update = new StatusMapUpdate(suite, _map);
        for (var i = 0; i < entries.Count; i++)
        {
            try
            {
                LicenseStatusMap.Apply(suite, update, _range.Size + (ulong)i, LedgerEntry.Parser.ParseFrom(entries[i]));
            }
            catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidOperationException or ArgumentException)
            {
            }
        }
        return update;
    }

    private CompactRange Append(CompactRange range, IEnumerable<byte[]> entries) =>
        entries.Aggregate(range, (r, e) => r.Append(suite.HashLeaf(e)));
}

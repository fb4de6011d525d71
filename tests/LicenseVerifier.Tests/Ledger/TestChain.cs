using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Merkle;
using Regional.LicenseVerifier.Notes;
using Regional.V1;
using Checkpoint = Regional.LicenseVerifier.Notes.Checkpoint;

namespace Regional.LicenseVerifier.Tests.Ledger;

/// <summary>
/// A region's log as its node seals it, in memory: each block's header carries the region, origin,
/// height, H(previous header bytes) (32 zero bytes at height 0), the leaf range, the tree size and
/// root after the block, and the checkpoint signed by the issuer key named for the origin, as
/// RegionalNode's BlockSealer writes them. Entries are not checked: a chain seals what it is given.
/// </summary>
internal sealed class TestChain(Suite suite, string region, NoteSigner issuer)
{
    public static readonly DateTimeOffset SealedAt = new(2026, 3, 2, 9, 30, 1, TimeSpan.Zero);

    private CompactRange _range = CompactRange.Empty(suite);
    private byte[] _lastHash = new byte[Suite.HashSize];
    private ulong? _height;

    public string Region => region;

    public string Origin => issuer.Name;

    /// <summary>Seals the entries as the next block and moves the chain on.</summary>
    public Block Seal(params LedgerEntry[] entries) => SealBytes([.. entries.Select(e => e.ToByteArray())]);

    /// <summary>Seals entry bytes (valid or not) as the next block and moves the chain on.</summary>
    public Block SealBytes(IReadOnlyList<byte[]> entries, Action<BlockHeader>? tweak = null, NoteSigner? signedBy = null)
    {
        var block = Build(entries, tweak, signedBy);
        var header = BlockHeader.Parser.ParseFrom(block.Header);
        _height = header.Height;
        _lastHash = suite.Hash(block.Header.Span);
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

    private CompactRange Append(CompactRange range, IEnumerable<byte[]> entries) =>
        entries.Aggregate(range, (r, e) => r.Append(suite.HashLeaf(e)));
}

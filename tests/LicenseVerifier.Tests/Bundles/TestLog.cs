using Google.Protobuf;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Merkle;
using Regional.LicenseVerifier.Notes;
using Regional.V1;
using Checkpoint = Regional.LicenseVerifier.Notes.Checkpoint;

namespace Regional.LicenseVerifier.Tests.Bundles;

/// <summary>
/// One region's log in memory, as a node would keep it: serialised entries appended through a
/// <see cref="CompactRange"/>, every completed node hash kept in a dictionary that serves
/// <see cref="ProofBuilder"/>, checkpoints signed by the issuer key named for the origin.
/// </summary>
internal sealed class TestLog(Suite suite, string region, NoteSigner issuer) : ITreeNodeSource
{
    private readonly Dictionary<NodeId, byte[]> _nodes = [];
    private readonly List<byte[]> _entries = [];
    private CompactRange _range = CompactRange.Empty(suite);

    public string Region => region;

    public string Origin => issuer.Name;

    public ulong Size => _range.Size;

    /// <summary>Appends the entry's serialised bytes; returns its leaf index.</summary>
    public ulong Append(LedgerEntry entry) => AppendBytes(entry.ToByteArray());

    public ulong AppendBytes(byte[] bytes)
    {
        var index = _range.Size;
        _range = _range.Append(suite.HashLeaf(bytes), (id, hash) => _nodes.Add(id, hash));
        _entries.Add(bytes);
        return index;
    }

    public Checkpoint Checkpoint() => new(Origin, Size, _range.Root());

    /// <summary>The current checkpoint signed by the issuer, then cosigned by each witness at time.</summary>
    public SignedNote Sign(DateTimeOffset time, params NoteSigner[] witnesses) => Cosign(SignedNote.Sign(Checkpoint().ToBody(), issuer), time, witnesses);

    /// <summary>The note with a cosignature by each witness at time.</summary>
    public static SignedNote Cosign(SignedNote note, DateTimeOffset time, params NoteSigner[] witnesses)
    {
        var checkpoint = Regional.LicenseVerifier.Notes.Checkpoint.ParseBody(note.Text).Value!;
        return witnesses.Aggregate(note, (n, w) => n.WithSignature(Cosigner.Cosign(w, checkpoint, time)));
    }

    /// <summary>A bundle of the entry at leafIndex and the status entries, proven at the current size.</summary>
    public ProofBundle Bundle(ulong leafIndex, SignedNote note, params ulong[] statusLeaves)
    {
        var bundle = new ProofBundle
        {
            Origin = Origin,
            Entry = ByteString.CopyFrom(_entries[checked((int)leafIndex)]),
            LeafIndex = leafIndex,
            TreeSize = Size,
            Checkpoint = note.ToString(),
            Suite = suite.Id,
        };
        bundle.InclusionPath.Add(Path(leafIndex));
        foreach (var leaf in statusLeaves)
        {
            var status = new EntryInclusion { Entry = ByteString.CopyFrom(_entries[checked((int)leaf)]), LeafIndex = leaf };
            status.InclusionPath.Add(Path(leaf));
            bundle.StatusEntries.Add(status);
        }
        return bundle;
    }

    public IReadOnlyList<byte[]> GetNodes(IReadOnlyList<NodeId> ids) => [.. ids.Select(id => _nodes[id])];

    private IEnumerable<ByteString> Path(ulong leafIndex) =>
        ProofBuilder.Inclusion(suite, this, leafIndex, Size).Select(ByteString.CopyFrom);
}

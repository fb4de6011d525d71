using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.LicenseVerifier.StatusMap;
using Regional.V1;
using Checkpoint = Regional.LicenseVerifier.Notes.Checkpoint;

namespace Regional.Vectors;

/// <summary>
/// One region's log in memory, as a node keeps it: entries appended to an open block that moves the
/// status map, each block closed by its StatusRoot entry (the last leaf of every checkpoint), checkpoints
/// signed by the log key and cosigned by witness keys, and proof bundles as DownloadLicense returns them.
/// </summary>
internal sealed class VectorLog(Suite suite, string region, VectorKey issuer)
{
    private readonly MemoryTree _tree = new(suite);
    private readonly MemoryStatusMap _map = new();
    private StatusMapUpdate? _open;

    public string Origin => issuer.Name;

    public ulong Size => _tree.Size;

    /// <summary>The exact bytes of a leaf.</summary>
    public byte[] Leaf(ulong index) => _tree.Leaf(index);

    /// <summary>Appends an entry to the open block; returns its leaf index.</summary>
    public ulong Append(LedgerEntry entry)
    {
        _open ??= new StatusMapUpdate(suite, _map);
        var index = _tree.Append(entry.ToByteArray());
        LicenseStatusMap.Apply(suite, _open, index, entry);
        return index;
    }

    /// <summary>Closes the open block with its StatusRoot entry recorded at <paramref name="at"/>.</summary>
    public ulong Seal(DateTimeOffset at)
    {
        var (root, changed) = (_open ?? new StatusMapUpdate(suite, _map)).Commit();
        _map.Store(changed);
        _open = null;
        return _tree.Append(new LedgerEntry
        {
            FormatVersion = 1,
            Region = region,
            RecordedAt = Timestamp.FromDateTimeOffset(at),
            StatusRoot = new StatusRoot { Root = ByteString.CopyFrom(root) },
        }.ToByteArray());
    }

    /// <summary>The checkpoint body of the current tree (after <see cref="Seal"/>).</summary>
    public string Body() => new Checkpoint(Origin, Size, _tree.Root()).ToBody();

    /// <summary>A signed note of the current checkpoint: the issuer's signature, then the given lines.</summary>
    public string SignedNote(params NoteSignature[] cosignatures) => NoteWithLines([issuer.SignNote(Body()), .. cosignatures]);

    /// <summary>A note of the current checkpoint body with exactly these signature lines.</summary>
    public string NoteWithLines(params NoteSignature[] lines)
    {
        var text = new StringBuilder(Body()).Append('\n');
        foreach (var line in lines)
        {
            text.Append(line.ToLine());
        }
        return text.ToString();
    }

    /// <summary>The bundle of the licence entry at <paramref name="leaf"/> with these status entries and the
    /// licence's status proof, against the current checkpoint.</summary>
    public ProofBundle Bundle(ulong leaf, string licenseId, string note, params ulong[] statusLeaves)
    {
        var bundle = new ProofBundle
        {
            Origin = Origin,
            Entry = ByteString.CopyFrom(_tree.Leaf(leaf)),
            LeafIndex = leaf,
            TreeSize = Size,
            Checkpoint = note,
            Suite = suite.Id,
            StatusProof = StatusProof(licenseId),
        };
        bundle.InclusionPath.Add(Path(leaf));
        bundle.StatusEntries.Add(statusLeaves.Select(Inclusion));
        return bundle;
    }

    /// <summary>The entry at a leaf with its inclusion path at the current size.</summary>
    public EntryInclusion Inclusion(ulong leaf)
    {
        var inclusion = new EntryInclusion { Entry = ByteString.CopyFrom(_tree.Leaf(leaf)), LeafIndex = leaf };
        inclusion.InclusionPath.Add(Path(leaf));
        return inclusion;
    }

    private StatusProof StatusProof(string licenseId)
    {
        var (entry, path) = LicenseStatusMap.Prove(suite, _map, licenseId);
        var proof = new StatusProof { Entry = entry, RootEntry = Inclusion(Size - 1) };
        proof.MapPath.Add(path.Siblings.Select(ByteString.CopyFrom));
        return proof;
    }

    private IEnumerable<ByteString> Path(ulong leaf) => _tree.Inclusion(leaf, Size).Select(ByteString.CopyFrom);
}

using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Merkle;
using Regional.LicenseVerifier.Notes;
using Regional.LicenseVerifier.StatusMap;
using Regional.V1;
using Checkpoint = Regional.LicenseVerifier.Notes.Checkpoint;

namespace Regional.LicenseVerifier.Tests.Bundles;

/// <summary>
/// One region's log in memory, as a node would keep it: serialised entries appended through a
/// <see cref="CompactRange"/>, every completed node hash kept in a dictionary that serves
/// <see cref="ProofBuilder"/>, checkpoints signed by the issuer key named for the origin.
/// Appended entries form an open block that moves the log's status map; <see cref="SealBlock"/>
/// closes it with its StatusRoot entry, and so does every checkpoint or bundle taken while a block
/// is open, so a checkpoint's last leaf is always a StatusRoot, as the node publishes them.
/// </summary>
internal sealed class TestLog(Suite suite, string region, NoteSigner issuer) : ITreeNodeSource
{
    /// <summary>The time of a block sealed implicitly: a minute before the bundle tests' cosignatures.</summary>
    public static readonly DateTimeOffset BlockTime = new(2026, 6, 1, 7, 58, 0, TimeSpan.Zero);

    private readonly Dictionary<NodeId, byte[]> _nodes = [];
    private readonly List<byte[]> _entries = [];
    private readonly MemoryStatusMap _map = new();
    private CompactRange _range = CompactRange.Empty(suite);
    private StatusMapUpdate? _open;

    public string Region => region;

    public string Origin => issuer.Name;

    public ulong Size => _range.Size;

    /// <summary>The status map as of the last sealed block.</summary>
    public IStatusMapSource StatusMap => _map;

    /// <summary>Appends the entry's serialised bytes to the open block; returns its leaf index.</summary>
    public ulong Append(LedgerEntry entry)
    {
        _open ??= new StatusMapUpdate(suite, _map);
        var index = AppendBytes(entry.ToByteArray());
        try
        {
            LicenseStatusMap.Apply(suite, _open, index, entry);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // A hostile history (a change of an unknown licence, an unspecified status) leaves the map alone.
        }
        return index;
    }

    /// <summary>Appends bytes as a leaf, outside the status map; returns its leaf index.</summary>
    public ulong AppendBytes(byte[] bytes)
    {
        var index = _range.Size;
        _range = _range.Append(suite.HashLeaf(bytes), (id, hash) => _nodes.Add(id, hash));
        _entries.Add(bytes);
        return index;
    }

    /// <summary>Ends the open block (or an empty heartbeat block) with its StatusRoot entry recorded at
    /// <paramref name="at"/> (<see cref="BlockTime"/> by default); returns the root entry's leaf index.</summary>
    public ulong SealBlock(DateTimeOffset? at = null)
    {
        var (root, changed) = (_open ?? new StatusMapUpdate(suite, _map)).Commit();
        _map.Store(changed);
        _open = null;
        return AppendBytes(new LedgerEntry
        {
            FormatVersion = 1,
            Region = region,
            RecordedAt = Timestamp.FromDateTimeOffset(at ?? BlockTime),
            StatusRoot = new StatusRoot { Root = ByteString.CopyFrom(root) },
        }.ToByteArray());
    }

    public Checkpoint Checkpoint()
    {
        SealOpenBlock();
        return new(Origin, Size, _range.Root());
    }

    /// <summary>The current checkpoint signed by the issuer, then cosigned by each witness at time.</summary>
    public SignedNote Sign(DateTimeOffset time, params NoteSigner[] witnesses) => Cosign(SignedNote.Sign(Checkpoint().ToBody(), issuer), time, witnesses);

    /// <summary>The note with a cosignature by each witness at time.</summary>
    public static SignedNote Cosign(SignedNote note, DateTimeOffset time, params NoteSigner[] witnesses)
    {
        var checkpoint = Regional.LicenseVerifier.Notes.Checkpoint.ParseBody(note.Text).Value!;
        return witnesses.Aggregate(note, (n, w) => n.WithSignature(Cosigner.Cosign(w, checkpoint, time)));
    }

    /// <summary>A bundle of the entry at leafIndex and the status entries, with the status proof of the
    /// entry's licence, proven at the current size.</summary>
    public ProofBundle Bundle(ulong leafIndex, SignedNote note, params ulong[] statusLeaves)
    {
        SealOpenBlock();
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
        bundle.StatusEntries.Add(statusLeaves.Select(Inclusion));
        if (LicenseIdOf(bundle.Entry) is { } licenseId)
        {
            bundle.StatusProof = StatusProof(licenseId);
        }
        return bundle;
    }

    /// <summary>The status proof of a licence (present or absent) at the current size.</summary>
    public StatusProof StatusProof(string licenseId)
    {
        SealOpenBlock();
        var (entry, path) = LicenseStatusMap.Prove(suite, _map, licenseId);
        var proof = new StatusProof { Entry = entry, RootEntry = Inclusion(Size - 1) };
        proof.MapPath.Add(path.Siblings.Select(ByteString.CopyFrom));
        if (path.OtherKey is not null)
        {
            proof.OtherKey = ByteString.CopyFrom(path.OtherKey);
            proof.OtherValueHash = ByteString.CopyFrom(path.OtherValueHash);
        }
        return proof;
    }

    /// <summary>The entry at a leaf with its inclusion path at the current size.</summary>
    public EntryInclusion Inclusion(ulong leaf)
    {
        var inclusion = new EntryInclusion { Entry = ByteString.CopyFrom(_entries[checked((int)leaf)]), LeafIndex = leaf };
        inclusion.InclusionPath.Add(Path(leaf));
        return inclusion;
    }

    public IReadOnlyList<byte[]> GetNodes(IReadOnlyList<NodeId> ids) => [.. ids.Select(id => _nodes[id])];

    private void SealOpenBlock()
    {
        if (_open is not null)
        {
            SealBlock();
        }
    }

    /// <summary>The licence an entry is about, or null for garbage and entries of other kinds.</summary>
    private static string? LicenseIdOf(ByteString bytes)
    {
        LedgerEntry entry;
        try
        {
            entry = LedgerEntry.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
        return entry.KindCase switch
        {
            LedgerEntry.KindOneofCase.LicenseIssued => entry.LicenseIssued.LicenseId,
            LedgerEntry.KindOneofCase.LicenseAmended => entry.LicenseAmended.LicenseId,
            LedgerEntry.KindOneofCase.LicenseStatusChanged => entry.LicenseStatusChanged.LicenseId,
            _ => null,
        };
    }

    private IEnumerable<ByteString> Path(ulong leafIndex) =>
        ProofBuilder.Inclusion(suite, this, leafIndex, Size).Select(ByteString.CopyFrom);
}

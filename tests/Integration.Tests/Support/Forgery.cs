using Google.Protobuf;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.V1;

namespace Regional.Integration.Tests.Support;

/// <summary>How a fake peer tampers with a region's real blocks.</summary>
public enum Forgery
{
    /// <summary>The next block's checkpoint is signed by another key under the log's name.</summary>
    SignedByAnotherKey,
    /// <summary>The next block's header names a wrong previous block hash.</summary>
    WrongPreviousHash,
    /// <summary>An entry of the next block is changed; the header and its signed root are the real ones.</summary>
    EntryChanged,
    /// <summary>A leaf of block 0, which the mirror already holds, is changed, and the log is served again from height 0.</summary>
    StoredLeafChangedFromHeightZero,
}

/// <summary>Makes forged blocks from real ones: each keeps everything else byte for byte.</summary>
internal static class Forge
{
    public static Block SignedByAnotherKey(Block real, Suite suite)
    {
        var header = BlockHeader.Parser.ParseFrom(real.Header);
        var note = SignedNote.Parse(header.Checkpoint).Value!;
        var impostor = NoteSigner.Create(header.Origin, PrivateKey.Generate(suite.SignatureAlgorithm));
        header.Checkpoint = SignedNote.Sign(note.Text, impostor).ToString();
        return WithHeader(real, header);
    }

    public static Block WrongPreviousHash(Block real)
    {
        var header = BlockHeader.Parser.ParseFrom(real.Header);
        var hash = header.PreviousBlockHash.ToByteArray();
        hash[0] ^= 0x01;
        header.PreviousBlockHash = ByteString.CopyFrom(hash);
        return WithHeader(real, header);
    }

    /// <summary>The entry at index changes (a licence's first field digest, or a catalog entry's type name);
    /// the header, its root and its signature stay the real ones.</summary>
    public static Block EntryChanged(Block real, int index = 0)
    {
        var entry = LedgerEntry.Parser.ParseFrom(real.Entries[index]);
        if (entry.LicenseIssued is { } issued)
        {
            var digest = issued.FieldDigests[0].Digest.ToByteArray();
            digest[^1] ^= 0x01;
            issued.FieldDigests[0].Digest = ByteString.CopyFrom(digest);
        }
        else if (entry.CatalogEntry is { } catalog)
        {
            catalog.LicenseType.NameEn += " (forged)";
        }
        else
        {
            entry.RecordedAt = new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = entry.RecordedAt.Seconds + 1 };
        }
        var forged = new Block { Header = real.Header };
        forged.Entries.AddRange(real.Entries);
        forged.Entries[index] = entry.ToByteString();
        return forged;
    }

    private static Block WithHeader(Block real, BlockHeader header)
    {
        var forged = new Block { Header = header.ToByteString() };
        forged.Entries.AddRange(real.Entries);
        return forged;
    }
}

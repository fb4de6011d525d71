using Google.Protobuf;
using Regional.V1;

namespace Regional.Integration.Tests.Support;

/// <summary>What a hostile peer streams in place of a region's next blocks.</summary>
public enum Hostility
{
    /// <summary>Blocks whose header and entries are random bytes.</summary>
    RandomBytes,
    /// <summary>Another region's genuine, validly signed blocks.</summary>
    WrongRegion,
    /// <summary>The real next block with an entry replaced by bytes that are no LedgerEntry.</summary>
    UndecodableEntry,
    /// <summary>The real next block claiming a thousand more leaves (and carrying them) than its signed checkpoint.</summary>
    PastSignedCheckpoint,
    /// <summary>An endless stream of blocks that look like the next ones but chain to nothing.</summary>
    EndlessUnchained,
    /// <summary>One block of 5 MiB, past what a peer call may receive.</summary>
    Oversized,
    /// <summary>Opens the stream and never sends anything.</summary>
    Silent,
}

/// <summary>The scripts of a hostile <see cref="FakeLedgerPeer"/>, made from real blocks; each ignores
/// from_height. <see cref="Sent"/> counts the blocks the peer took from the script.</summary>
internal sealed class HostileBlocks(List<Block> real, int next, List<Block> otherRegion)
{
    private long _sent;

    public long Sent => Interlocked.Read(ref _sent);

    public Func<ulong, IEnumerable<Block>> Script(Hostility hostility) => _ => Counted(hostility switch
    {
        Hostility.RandomBytes => Endless(i => Block(RandomBytes(i, 200), RandomBytes(i + 1, 300))),
        Hostility.WrongRegion => otherRegion,
        Hostility.UndecodableEntry => [WithEntry(real[next], 0, RandomBytes(7, 300))],
        Hostility.PastSignedCheckpoint => [PastCheckpoint(real[next], 1000)],
        Hostility.EndlessUnchained => Endless(Unchained),
        Hostility.Oversized => [WithEntry(real[next], 0, new byte[5 * 1024 * 1024])],
        _ => [],
    });

    private IEnumerable<Block> Counted(IEnumerable<Block> blocks)
    {
        foreach (var block in blocks)
        {
            Interlocked.Increment(ref _sent);
            yield return block;
        }
    }

    private static IEnumerable<Block> Endless(Func<int, Block> make)
    {
        for (var i = 0; ; i++)
        {
            yield return make(i);
        }
    }

    /// <summary>The i-th block after the real ones: the right height and leaf range, a random previous hash.</summary>
    private Block Unchained(int i)
    {
        var header = BlockHeader.Parser.ParseFrom(real[next].Header);
        header.Height += (ulong)i;
        header.FirstLeafIndex += (ulong)i * header.LeafCount;
        header.TreeSize += (ulong)i * header.LeafCount;
        header.PreviousBlockHash = ByteString.CopyFrom(RandomBytes(i, 32));
        var block = new Block { Header = header.ToByteString() };
        block.Entries.AddRange(real[next].Entries);
        return block;
    }

    private static Block PastCheckpoint(Block real, int extra)
    {
        var header = BlockHeader.Parser.ParseFrom(real.Header);
        header.LeafCount += (ulong)extra;
        header.TreeSize += (ulong)extra;
        var block = new Block { Header = header.ToByteString() };
        block.Entries.AddRange(real.Entries);
        block.Entries.AddRange(Enumerable.Range(0, extra).Select(i => real.Entries[i % real.Entries.Count]));
        return block;
    }

    private static Block WithEntry(Block real, int index, byte[] entry)
    {
        var block = new Block { Header = real.Header };
        block.Entries.AddRange(real.Entries);
        block.Entries[index] = ByteString.CopyFrom(entry);
        return block;
    }

    private static Block Block(byte[] header, byte[] entry) => new() { Header = ByteString.CopyFrom(header), Entries = { ByteString.CopyFrom(entry) } };

    private static byte[] RandomBytes(int seed, int count)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}

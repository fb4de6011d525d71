using System.Text;
using Google.Protobuf;
using Regional.V1;

namespace Regional.LicenseVerifier.Tests.Ledger;

/// <summary>What part of a block a mutation damages, which decides what a validator must say.</summary>
internal enum MutationTarget
{
    /// <summary>The header bytes (any field, the framing, the checkpoint text).</summary>
    Header,
    /// <summary>The bytes or the order of entries, their number unchanged.</summary>
    EntryBytes,
    /// <summary>The number of entries.</summary>
    EntryCount,
}

/// <summary>A block damaged by one random mutation, and what was done, for the failure message.</summary>
internal sealed record Mutation(Block Block, MutationTarget Target, string Description);

/// <summary>Random damage to a valid block: bit flips, truncation, trailing bytes, entries
/// duplicated, removed or swapped, the checkpoint replaced by random text or edited.</summary>
internal static class BlockMutations
{
    private const string Alphabet = "abcxyz019+/= \n\t—.-/中\u0000\u007f\u00ff";

    public static Mutation Mutate(Block valid, Random random)
    {
        var block = valid.Clone();
        var entry = random.Next(block.Entries.Count);
        switch (random.Next(11))
        {
            case 0:
                return new(Set(block, header: Flip(block.Header, random, out var bits)), MutationTarget.Header, $"header bits {bits} flipped");
            case 1:
                block.Entries[entry] = Flip(block.Entries[entry], random, out var entryBits);
                return new(block, MutationTarget.EntryBytes, $"entry {entry} bits {entryBits} flipped");
            case 2:
                var headerLength = random.Next(block.Header.Length);
                return new(Set(block, header: ByteString.CopyFrom(block.Header.Span[..headerLength])), MutationTarget.Header, $"header truncated to {headerLength} bytes");
            case 3:
                var entryLength = random.Next(block.Entries[entry].Length);
                block.Entries[entry] = ByteString.CopyFrom(block.Entries[entry].Span[..entryLength]);
                return new(block, MutationTarget.EntryBytes, $"entry {entry} truncated to {entryLength} bytes");
            case 4:
                var tail = RandomBytes(random, 1 + random.Next(8));
                return new(Set(block, header: ByteString.CopyFrom([.. block.Header.Span, .. tail])), MutationTarget.Header, $"header extended by {Convert.ToHexString(tail)}");
            case 5:
                var extra = RandomBytes(random, 1 + random.Next(8));
                block.Entries[entry] = ByteString.CopyFrom([.. block.Entries[entry].Span, .. extra]);
                return new(block, MutationTarget.EntryBytes, $"entry {entry} extended by {Convert.ToHexString(extra)}");
            case 6:
                var at = random.Next(block.Entries.Count + 1);
                block.Entries.Insert(at, block.Entries[entry]);
                return new(block, MutationTarget.EntryCount, $"entry {entry} duplicated at {at}");
            case 7:
                block.Entries.RemoveAt(entry);
                return new(block, MutationTarget.EntryCount, $"entry {entry} removed");
            case 8:
                var other = (entry + 1 + random.Next(block.Entries.Count - 1)) % block.Entries.Count;
                (block.Entries[entry], block.Entries[other]) = (block.Entries[other], block.Entries[entry]);
                return new(block, MutationTarget.EntryBytes, $"entries {entry} and {other} swapped");
            case 9:
                var text = random.Next(2) == 0 ? RandomText(random, random.Next(300)) : Encoding.Latin1.GetString(RandomBytes(random, random.Next(300)));
                return new(TestChain.WithHeader(block, h => h.Checkpoint = text), MutationTarget.Header, $"checkpoint replaced by '{text}'");
            default:
                var (edited, edit) = Edit(BlockHeader.Parser.ParseFrom(block.Header).Checkpoint, random);
                return new(TestChain.WithHeader(block, h => h.Checkpoint = edited), MutationTarget.Header, $"checkpoint {edit}");
        }
    }

    private static Block Set(Block block, ByteString header)
    {
        block.Header = header;
        return block;
    }

    private static ByteString Flip(ByteString bytes, Random random, out string bits)
    {
        var copy = bytes.ToByteArray();
        var flipped = Enumerable.Range(0, 1 + random.Next(4)).Select(_ => random.Next(copy.Length * 8)).ToArray();
        foreach (var bit in flipped)
        {
            copy[bit / 8] ^= (byte)(1 << (bit % 8));
        }
        bits = string.Join(",", flipped);
        return ByteString.CopyFrom(copy);
    }

    /// <summary>One character of the note replaced, deleted or inserted, or two lines swapped.</summary>
    private static (string Note, string Edit) Edit(string note, Random random)
    {
        var at = random.Next(note.Length);
        var c = Alphabet[random.Next(Alphabet.Length)];
        switch (random.Next(4))
        {
            case 0:
                return (note[..at] + c + note[(at + 1)..], $"char {at} replaced by U+{(int)c:X4}");
            case 1:
                return (note.Remove(at, 1), $"char {at} deleted");
            case 2:
                return (note.Insert(at, c.ToString()), $"U+{(int)c:X4} inserted at {at}");
            default:
                var lines = note.Split('\n');
                var (i, j) = (random.Next(lines.Length), random.Next(lines.Length));
                (lines[i], lines[j]) = (lines[j], lines[i]);
                return (string.Join('\n', lines), $"lines {i} and {j} swapped");
        }
    }

    private static string RandomText(Random random, int length) =>
        new StringBuilder().Append([.. Enumerable.Range(0, length).Select(_ => Alphabet[random.Next(Alphabet.Length)])]).ToString();

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}

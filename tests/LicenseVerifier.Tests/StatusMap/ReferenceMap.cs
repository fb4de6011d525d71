using System.Text;
using Regional.LicenseVerifier.Crypto;

namespace Regional.LicenseVerifier.Tests.StatusMap;

/// <summary>
/// The status map written out naively from its definition (docs/status-proofs.md): key =
/// H(0x02 || UTF-8 id), value hash = H(0x03 || value), leaf = H(0x04 || key || value hash), node =
/// H(0x05 || left || right), an empty subtree is 32 zero bytes, a subtree holding one key is that key's
/// leaf; a key's bits are read most significant first, 0 to the left. Only <see cref="Suite.Hash"/>
/// over bytes built here, never the production map code, so the two can check each other.
/// </summary>
internal static class ReferenceMap
{
    public static byte[] Key(Suite suite, string licenseId) => suite.Hash([0x02, .. Encoding.UTF8.GetBytes(licenseId)]);

    public static byte[] Leaf(Suite suite, byte[] key, byte[] value) => suite.Hash([0x04, .. key, .. suite.Hash([0x03, .. value])]);

    public static byte[] Node(Suite suite, byte[] left, byte[] right) => suite.Hash([0x05, .. left, .. right]);

    public static int BitOf(byte[] key, int depth) => (key[depth / 8] >> (7 - depth % 8)) & 1;

    /// <summary>The root of a map holding these keys and values (keys distinct).</summary>
    public static byte[] Root(Suite suite, IReadOnlyList<(byte[] Key, byte[] Value)> entries) => Subtree(suite, entries, 0);

    /// <summary>A key's sibling hashes from the root down (empty for an empty subtree), and the leaf the path
    /// ends at: the key's own, another key's, or none (an empty subtree).</summary>
    public static (List<byte[]> Siblings, (byte[] Key, byte[] Value)? End) Path(Suite suite, IReadOnlyList<(byte[] Key, byte[] Value)> entries, byte[] key)
    {
        var siblings = new List<byte[]>();
        var depth = 0;
        while (entries.Count > 1)
        {
            var mine = entries.Where(e => BitOf(e.Key, depth) == BitOf(key, depth)).ToList();
            var theirs = entries.Where(e => BitOf(e.Key, depth) != BitOf(key, depth)).ToList();
            siblings.Add(theirs.Count == 0 ? [] : Subtree(suite, theirs, depth + 1));
            entries = mine;
            depth++;
        }
        return (siblings, entries.Count == 1 ? entries[0] : null);
    }

    /// <summary>The canonical bytes of a map entry, written out field by field, big-endian.</summary>
    public static byte[] Value(string licenseId, byte status, uint version, ulong leafIndex, (long Seconds, int Nanos)? notAfter)
    {
        var id = Encoding.UTF8.GetBytes(licenseId);
        var bytes = new List<byte> { 0x01, (byte)(id.Length >> 8), (byte)id.Length };
        bytes.AddRange(id);
        bytes.Add(status);
        bytes.AddRange(BigEndian(version, 4));
        bytes.AddRange(BigEndian(leafIndex, 8));
        if (notAfter is { } end)
        {
            bytes.Add(1);
            bytes.AddRange(BigEndian((ulong)end.Seconds, 8));
            bytes.AddRange(BigEndian((uint)end.Nanos, 4));
        }
        else
        {
            bytes.Add(0);
        }
        return [.. bytes];
    }

    private static byte[] Subtree(Suite suite, IReadOnlyList<(byte[] Key, byte[] Value)> entries, int depth) => entries.Count switch
    {
        0 => new byte[32],
        1 => Leaf(suite, entries[0].Key, entries[0].Value),
        _ => Node(suite,
            Subtree(suite, [.. entries.Where(e => BitOf(e.Key, depth) == 0)], depth + 1),
            Subtree(suite, [.. entries.Where(e => BitOf(e.Key, depth) == 1)], depth + 1)),
    };

    private static IEnumerable<byte> BigEndian(ulong value, int bytes) =>
        Enumerable.Range(0, bytes).Select(i => (byte)(value >> (8 * (bytes - 1 - i))));
}

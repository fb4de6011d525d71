using System.Text;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.StatusMap;

namespace Regional.LicenseVerifier.Tests.StatusMap;

/// <summary>Production status maps built from keys and values in one update, and keys made to measure.</summary>
internal static class TestMaps
{
    public static (MemoryStatusMap Map, byte[] Root) Build(Suite suite, IEnumerable<(byte[] Key, byte[] Value)> entries)
    {
        var map = new MemoryStatusMap();
        var update = new StatusMapUpdate(suite, map);
        foreach (var (key, value) in entries)
        {
            update.Set(key, value);
        }
        var (root, changed) = update.Commit();
        map.Store(changed);
        return (map, root);
    }

    /// <summary>32 bytes, every one <paramref name="fill"/>, then the first byte set to <paramref name="first"/> if given.</summary>
    public static byte[] Key(byte fill, byte? first = null)
    {
        var key = Enumerable.Repeat(fill, 32).ToArray();
        if (first is { } b)
        {
            key[0] = b;
        }
        return key;
    }

    public static byte[] RandomKey(Random random)
    {
        var key = new byte[32];
        random.NextBytes(key);
        return key;
    }

    public static byte[] Value(string text) => Encoding.UTF8.GetBytes(text);
}

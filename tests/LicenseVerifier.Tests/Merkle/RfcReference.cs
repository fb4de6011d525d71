using Regional.LicenseVerifier.Crypto;

namespace Regional.LicenseVerifier.Tests.Merkle;

/// <summary>
/// The recursive definitions of RFC 9162 section 2.1 (MTH, PATH, PROOF/SUBPROOF) written as
/// literally as possible over a list of leaf hashes: slow, but an independent oracle.
/// </summary>
internal static class RfcReference
{
    public static byte[] Mth(Suite suite, ArraySegment<byte[]> d)
    {
        if (d.Count == 0)
        {
            return suite.EmptyRoot.ToArray();
        }
        if (d.Count == 1)
        {
            return d[0];
        }
        var k = SplitPoint(d.Count);
        return suite.HashChildren(Mth(suite, d[..k]), Mth(suite, d[k..]));
    }

    public static List<byte[]> Path(Suite suite, int m, ArraySegment<byte[]> d)
    {
        if (d.Count == 1)
        {
            return [];
        }
        var k = SplitPoint(d.Count);
        return m < k
            ? [.. Path(suite, m, d[..k]), Mth(suite, d[k..])]
            : [.. Path(suite, m - k, d[k..]), Mth(suite, d[..k])];
    }

    public static List<byte[]> Proof(Suite suite, int m, ArraySegment<byte[]> d) => SubProof(suite, m, d, true);

    private static List<byte[]> SubProof(Suite suite, int m, ArraySegment<byte[]> d, bool b)
    {
        if (m == d.Count)
        {
            return b ? [] : [Mth(suite, d)];
        }
        var k = SplitPoint(d.Count);
        return m <= k
            ? [.. SubProof(suite, m, d[..k], b), Mth(suite, d[k..])]
            : [.. SubProof(suite, m - k, d[k..], false), Mth(suite, d[..k])];
    }

    /// <summary>The largest power of two smaller than n.</summary>
    private static int SplitPoint(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }
        return k;
    }
}

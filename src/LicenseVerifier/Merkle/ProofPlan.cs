namespace Regional.LicenseVerifier.Merkle;

/// <summary>The leaves [Begin, End) of one RFC 9162 subtree; its MTH is one proof hash.</summary>
internal readonly record struct LeafRange(ulong Begin, ulong End);

/// <summary>
/// Which subtrees make up a proof, in proof order, following the recursive definitions of
/// RFC 9162 section 2.1.3.1 (PATH) and 2.1.4.1 (SUBPROOF) walked top-down without recursion.
/// </summary>
/// <remarks>
/// Only the first step that turns left leaves a right sibling that may be incomplete; every later
/// sibling is a complete node. So a proof decomposes into at most about 2 log2(n) complete nodes.
/// </remarks>
internal static class ProofPlan
{
    /// <summary>PATH(m, D[0:n]): the siblings of the path from leaf m to the root, deepest first.</summary>
    public static List<LeafRange> Inclusion(ulong m, ulong n)
    {
        var topDown = new List<LeafRange>();
        var start = 0UL;
        while (n > 1)
        {
            var k = TreeMath.LargestPowerOfTwoBelow(n);
            if (m < k)
            {
                topDown.Add(new LeafRange(start + k, start + n));
                n = k;
            }
            else
            {
                topDown.Add(new LeafRange(start, start + k));
                start += k;
                m -= k;
                n -= k;
            }
        }
        topDown.Reverse();
        return topDown;
    }

    /// <summary>PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true) for 0 &lt; m &lt; n.</summary>
    public static List<LeafRange> Consistency(ulong m, ulong n)
    {
        var topDown = new List<LeafRange>();
        var start = 0UL;
        var wholeOldTree = true;
        while (m != n)
        {
            var k = TreeMath.LargestPowerOfTwoBelow(n);
            if (m <= k)
            {
                topDown.Add(new LeafRange(start + k, start + n));
                n = k;
            }
            else
            {
                topDown.Add(new LeafRange(start, start + k));
                start += k;
                m -= k;
                n -= k;
                wholeOldTree = false;
            }
        }
        if (!wholeOldTree)
        {
            // SUBPROOF(m, D[m], false) = MTH(D[m]): the seed node the verifier starts from.
            topDown.Add(new LeafRange(start, start + n));
        }
        topDown.Reverse();
        return topDown;
    }
}

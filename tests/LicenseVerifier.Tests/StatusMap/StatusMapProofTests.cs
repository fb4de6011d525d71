using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.StatusMap;

namespace Regional.LicenseVerifier.Tests.StatusMap;

/// <summary>
/// Status map proofs: membership, and absence ending at an empty subtree or at another key's leaf,
/// for the first and last keys, a map of one key and the empty map; any tampered path, wrong root or
/// path no honest map has is refused.
/// </summary>
[TestFixture("gm")]
[TestFixture("intl")]
public class StatusMapProofTests(string suiteName)
{
    private static readonly byte[] Zeros = TestMaps.Key(0x00);
    private static readonly byte[] Ones = TestMaps.Key(0xFF);

    private readonly Suite _suite = Suite.FromName(suiteName)!;

    /// <summary>The all-zero and all-one keys among 40 random ones.</summary>
    private (MemoryStatusMap Map, byte[] Root, List<(byte[] Key, byte[] Value)> Entries) Crowded()
    {
        var random = new Random(14);
        var entries = new List<(byte[] Key, byte[] Value)> { (Zeros, TestMaps.Value("first")), (Ones, TestMaps.Value("last")) };
        entries.AddRange(Enumerable.Range(0, 40).Select(i => (TestMaps.RandomKey(random), TestMaps.Value($"v{i}"))));
        var (map, root) = TestMaps.Build(_suite, entries);
        return (map, root, entries);
    }

    [Test]
    public void Build_FirstAndLastKeys_MembershipVerifies()
    {
        var (map, root, _) = Crowded();

        var first = StatusMapProof.Build(map, Zeros);
        var last = StatusMapProof.Build(map, Ones);

        Assert.Multiple(() =>
        {
            Assert.That(first.Value, Is.EqualTo(TestMaps.Value("first")));
            Assert.That(last.Value, Is.EqualTo(TestMaps.Value("last")));
            Assert.That(first.Problem(_suite, root, Zeros), Is.Null);
            Assert.That(last.Problem(_suite, root, Ones), Is.Null);
            Assert.That(first.Siblings, Is.Not.Empty);
            Assert.That(last.Siblings, Is.Not.Empty);
        });
    }

    [Test]
    public void Build_EveryKey_MembershipVerifiesAndNotForAnotherKey()
    {
        var (map, root, entries) = Crowded();

        foreach (var (key, value) in entries)
        {
            var proof = StatusMapProof.Build(map, key);
            Assert.That(proof.Value, Is.EqualTo(value));
            Assert.That(proof.Problem(_suite, root, key), Is.Null);
            Assert.That(proof.Problem(_suite, root, key[0] == 0 ? Ones : Zeros), Is.Not.Null, "a proof holds for its own key only");
        }
    }

    [Test]
    public void Build_AbsentKeyBesideEmptySubtree_AbsenceVerifies()
    {
        // Every key starts with bit 0, so the right half of the map is empty.
        var (map, root) = TestMaps.Build(_suite, [(Zeros, TestMaps.Value("a")), (TestMaps.Key(0x11, first: 0x7F), TestMaps.Value("b"))]);
        var absent = TestMaps.Key(0x22, first: 0x80);

        var proof = StatusMapProof.Build(map, absent).ForWire(_suite);

        Assert.Multiple(() =>
        {
            Assert.That(proof.Value, Is.Null);
            Assert.That(proof.OtherKey, Is.Null);
            Assert.That(proof.Siblings, Has.Count.EqualTo(1));
            Assert.That(proof.Siblings[0], Has.Length.EqualTo(32));
            Assert.That(proof.Problem(_suite, root, absent), Is.Null);
        });
    }

    [Test]
    public void Build_AbsentKeyOnAnotherKeysPath_AbsenceEndsAtThatLeaf()
    {
        var (map, root) = TestMaps.Build(_suite, [(Zeros, TestMaps.Value("a")), (Ones, TestMaps.Value("b"))]);
        var absent = TestMaps.Key(0x00, first: 0x01);

        var proof = StatusMapProof.Build(map, absent).ForWire(_suite);

        Assert.Multiple(() =>
        {
            Assert.That(proof.Value, Is.Null);
            Assert.That(proof.OtherKey, Is.EqualTo(Zeros));
            Assert.That(proof.OtherValueHash, Is.EqualTo(StatusMapHashing.ValueHash(_suite, TestMaps.Value("a"))));
            Assert.That(proof.Siblings, Has.Count.EqualTo(1));
            Assert.That(proof.Problem(_suite, root, absent), Is.Null);
            Assert.That(proof.Problem(_suite, root, Zeros), Is.Not.Null, "the other leaf's own key is not absent");
        });
    }

    [Test]
    public void Build_MapOfOneKey_RootIsItsLeafAndPathsAreEmpty()
    {
        var value = TestMaps.Value("only");
        var (map, root) = TestMaps.Build(_suite, [(Ones, value)]);

        var member = StatusMapProof.Build(map, Ones);
        var absent = StatusMapProof.Build(map, Zeros).ForWire(_suite);

        Assert.Multiple(() =>
        {
            Assert.That(root, Is.EqualTo(ReferenceMap.Leaf(_suite, Ones, value)));
            Assert.That(member.Siblings, Is.Empty);
            Assert.That(member.Problem(_suite, root, Ones), Is.Null);
            Assert.That(absent.Siblings, Is.Empty);
            Assert.That(absent.OtherKey, Is.EqualTo(Ones));
            Assert.That(absent.Problem(_suite, root, Zeros), Is.Null);
        });
    }

    [Test]
    public void Build_EmptyMap_RootZeroAndEveryKeyAbsent()
    {
        var (map, root) = TestMaps.Build(_suite, []);

        var proof = StatusMapProof.Build(map, Ones);

        Assert.Multiple(() =>
        {
            Assert.That(root, Is.EqualTo(new byte[32]));
            Assert.That(map.Count, Is.Zero);
            Assert.That(proof.Siblings, Is.Empty);
            Assert.That((proof.Value, proof.OtherKey), Is.EqualTo(((byte[]?)null, (byte[]?)null)));
            Assert.That(proof.Problem(_suite, root, Ones), Is.Null);
            Assert.That((proof with { Value = TestMaps.Value("x") }).Problem(_suite, root, Ones), Is.Not.Null, "nothing is a member of the empty map");
        });
    }

    private static IEnumerable<TestCaseData> Tamperings()
    {
        yield return Case("SiblingByteFlipped", p => p with { Siblings = [.. p.Siblings.Select((s, i) => i == p.Siblings.Count / 2 ? Flip(s) : s)] });
        yield return Case("FirstSiblingByteFlipped", p => p with { Siblings = [Flip(p.Siblings[0]), .. p.Siblings.Skip(1)] });
        yield return Case("LastSiblingDropped", p => p with { Siblings = [.. p.Siblings.Take(p.Siblings.Count - 1)] });
        yield return Case("FirstSiblingDropped", p => p with { Siblings = [.. p.Siblings.Skip(1)] });
        yield return Case("SiblingAddedAtEnd", p => p with { Siblings = [.. p.Siblings, Enumerable.Repeat((byte)7, 32).ToArray()] });
        yield return Case("SiblingAddedAtTop", p => p with { Siblings = [Enumerable.Repeat((byte)7, 32).ToArray(), .. p.Siblings] });
        yield return Case("EmptySiblingAddedAtEnd", p => p with { Siblings = [.. p.Siblings, []] });
        yield return Case("SiblingsSwapped", p => p with { Siblings = [p.Siblings[1], p.Siblings[0], .. p.Siblings.Skip(2)] });
        yield return Case("ValueSwapped", p => p with { Value = TestMaps.Value("v0") });
        yield return Case("ValueByteFlipped", p => p with { Value = Flip(p.Value!) });
        yield return Case("ClaimedAbsent", p => p with { Value = null });
        yield return Case("SiblingCut", p => p with { Siblings = [p.Siblings[0][..31], .. p.Siblings.Skip(1)] });

        static TestCaseData Case(string name, Func<StatusMapProof, StatusMapProof> tamper) =>
            new TestCaseData(tamper).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(Tamperings))]
    public void Problem_TamperedMembershipProof_Refused(Func<StatusMapProof, StatusMapProof> tamper)
    {
        var (map, root, _) = Crowded();
        var honest = StatusMapProof.Build(map, Ones);
        Assume.That(honest.Siblings, Has.Count.GreaterThanOrEqualTo(2));

        Assert.That(tamper(honest).Problem(_suite, root, Ones), Is.Not.Null);
    }

    [Test]
    public void Problem_TamperedAbsenceProof_Refused()
    {
        var (map, root) = TestMaps.Build(_suite, [(Zeros, TestMaps.Value("a")), (Ones, TestMaps.Value("b")), (TestMaps.Key(0x40), TestMaps.Value("c"))]);
        var absent = TestMaps.Key(0x00, first: 0x01);
        var honest = StatusMapProof.Build(map, absent).ForWire(_suite);
        Assume.That(honest.Problem(_suite, root, absent), Is.Null);

        Assert.Multiple(() =>
        {
            Assert.That((honest with { OtherValueHash = Flip(honest.OtherValueHash!) }).Problem(_suite, root, absent), Is.Not.Null);
            Assert.That((honest with { OtherKey = Flip(honest.OtherKey!) }).Problem(_suite, root, absent), Is.Not.Null);
            Assert.That((honest with { OtherKey = null, OtherValueHash = null }).Problem(_suite, root, absent), Is.Not.Null, "ending at empty where a leaf is");
            Assert.That((honest with { OtherKey = absent }).Problem(_suite, root, absent), Is.Not.Null, "the key itself is no other leaf");
            Assert.That((honest with { Siblings = [Flip(honest.Siblings[0]), .. honest.Siblings.Skip(1)] }).Problem(_suite, root, absent), Is.Not.Null);
            Assert.That((honest with { Value = TestMaps.Value("a") }).Problem(_suite, root, absent), Is.Not.Null, "membership naming another leaf");
            Assert.That(StatusMapProof.Build(map, absent).Problem(_suite, root, absent), Is.Not.Null, "the other leaf's value hash must be on the wire");
        });
    }

    [Test]
    public void Problem_WrongRoot_Refused()
    {
        var (map, root, _) = Crowded();
        var proof = StatusMapProof.Build(map, Zeros);

        Assert.Multiple(() =>
        {
            Assert.That(proof.Problem(_suite, Flip(root), Zeros), Does.Contain("root"));
            Assert.That(proof.Problem(_suite, new byte[32], Zeros), Is.Not.Null);
            Assert.That(proof.Problem(_suite, root.AsSpan(0, 31), Zeros), Is.Not.Null);
            Assert.That(proof.Problem(_suite, root, Zeros.AsSpan(0, 31)), Is.Not.Null);
        });
    }

    [Test]
    public void Problem_LeafBesideEmptySubtree_RefusedEvenWithMatchingRoot()
    {
        // The leaf of a lone key sits at the root; a deeper path to it, and a root made for that path, is no honest map's.
        var value = TestMaps.Value("only");
        var leaf = ReferenceMap.Leaf(_suite, Zeros, value);
        var forgedRoot = ReferenceMap.Node(_suite, leaf, new byte[32]);
        var proof = new StatusMapProof([[]], value);

        Assert.That(proof.Problem(_suite, forgedRoot, Zeros), Does.Contain("empty subtree"));
    }

    [Test]
    public void Problem_EmptyEndBesideEmptySubtree_RefusedEvenWithMatchingRoot()
    {
        var forgedRoot = ReferenceMap.Node(_suite, new byte[32], new byte[32]);

        Assert.That(new StatusMapProof([[]], null).Problem(_suite, forgedRoot, Zeros), Does.Contain("empty subtree"));
    }

    [Test]
    public void Problem_OtherLeafOffThePath_RefusedEvenWithMatchingRoot()
    {
        // Ones goes right at the root, so it cannot end the left path of Zeros.
        var otherHash = _suite.Hash([0x03, 1, 2, 3]);
        var sibling = Enumerable.Repeat((byte)9, 32).ToArray();
        var forgedRoot = _suite.Hash([0x05, .. _suite.Hash([0x04, .. Ones, .. otherHash]), .. sibling]);
        var proof = new StatusMapProof([sibling], null, Ones, otherHash);

        Assert.That(proof.Problem(_suite, forgedRoot, Zeros), Does.Contain("leaves the path at level 0"));
    }

    [Test]
    public void Problem_PathLongerThanAKey_Refused()
    {
        var proof = new StatusMapProof([.. Enumerable.Range(0, 257).Select(_ => Enumerable.Repeat((byte)1, 32).ToArray())], TestMaps.Value("x"));

        Assert.That(proof.Problem(_suite, new byte[32], Zeros), Does.Contain("levels"));
    }

    [Test]
    public void Problem_KeysPartingAtLastBit_MembershipVerifies()
    {
        var twin = TestMaps.Key(0x00);
        twin[31] = 0x01;
        var (map, root) = TestMaps.Build(_suite, [(Zeros, TestMaps.Value("a")), (twin, TestMaps.Value("b"))]);

        var proof = StatusMapProof.Build(map, twin);

        Assert.That(proof.Siblings, Has.Count.EqualTo(256));
        Assert.That(proof.Problem(_suite, root, twin), Is.Null);
    }

    private static byte[] Flip(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        copy[^1] ^= 0x01;
        return copy;
    }
}

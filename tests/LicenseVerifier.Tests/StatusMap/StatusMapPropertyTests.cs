using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.StatusMap;

namespace Regional.LicenseVerifier.Tests.StatusMap;

/// <summary>
/// Seeded property tests of <see cref="StatusMapUpdate"/> against <see cref="ReferenceMap"/>: after
/// random inserts and updates, in random orders and random batch splits, the root is the reference
/// root and does not depend on the order; every key's proof verifies with the reference path, and
/// absent keys' proofs verify as absent.
/// </summary>
[TestFixture("gm")]
[TestFixture("intl")]
public class StatusMapPropertyTests(string suiteName)
{
    private const int Seed = 20260314;
    private const int Keys = 400;

    private readonly Suite _suite = Suite.FromName(suiteName)!;

    /// <summary>Licence keys, and keys at both edges of the key space.</summary>
    private List<byte[]> KeySet(Random random)
    {
        var keys = Enumerable.Range(0, Keys).Select(n => ReferenceMap.Key(_suite, $"BJ-2026-{n:D6}")).ToList();
        keys.AddRange([TestMaps.Key(0x00), TestMaps.Key(0xFF), TestMaps.Key(0x00, first: 0x01), TestMaps.Key(0xFF, first: 0xFE)]);
        keys.AddRange(Enumerable.Range(0, 8).Select(_ => TestMaps.RandomKey(random)));
        return keys;
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public void Commit_RandomBatchesOfInsertsAndUpdates_RootIsReferenceRootAfterEachBatch(int run)
    {
        var random = new Random(Seed + run);
        var keys = KeySet(random);
        var writes = keys.Select(k => (Key: k, Value: TestMaps.Value($"v1-{Convert.ToHexString(k)}"))).ToList();
        writes.AddRange(Enumerable.Range(0, Keys / 2).Select(i => (Key: keys[random.Next(keys.Count)], Value: TestMaps.Value($"v2-{i}"))));
        Shuffle(writes, random);
        var expected = new Dictionary<string, (byte[] Key, byte[] Value)>();
        var map = new MemoryStatusMap();
        var at = 0;

        while (at < writes.Count)
        {
            var batch = writes.Skip(at).Take(1 + random.Next(60)).ToList();
            at += batch.Count;
            var update = new StatusMapUpdate(_suite, map);
            foreach (var (key, value) in batch)
            {
                update.Set(key, value);
                expected[Convert.ToHexString(key)] = (key, value);
            }
            var (root, changed) = update.Commit();
            map.Store(changed);

            Assert.That(root, Is.EqualTo(ReferenceMap.Root(_suite, [.. expected.Values])), $"seed {Seed + run}, after {at} writes");
            Assert.That(map.Find(MapPosition.Root)!.Hash, Is.EqualTo(root), "the stored root node is the committed root");
        }
        foreach (var (key, value) in expected.Values)
        {
            Assert.That(new StatusMapUpdate(_suite, map).Get(key), Is.EqualTo(value), "the latest write wins");
        }
    }

    [Test]
    public void Commit_SameKeysInDifferentOrdersAndBatches_SameRoot()
    {
        var random = new Random(Seed);
        var entries = KeySet(random).Select(k => (Key: k, Value: TestMaps.Value(Convert.ToHexString(k)[..8]))).ToList();
        var roots = new List<byte[]>();

        for (var order = 0; order < 4; order++)
        {
            Shuffle(entries, random);
            var map = new MemoryStatusMap();
            var at = 0;
            byte[] root = [];
            while (at < entries.Count)
            {
                var update = new StatusMapUpdate(_suite, map);
                foreach (var (key, value) in entries.Skip(at).Take(order == 0 ? entries.Count : 1 + random.Next(100)))
                {
                    update.Set(key, value);
                    at++;
                }
                (root, var changed) = update.Commit();
                map.Store(changed);
            }
            roots.Add(root);
        }

        Assert.That(roots.Distinct(new BytesComparer()).Count(), Is.EqualTo(1));
        Assert.That(roots[0], Is.EqualTo(ReferenceMap.Root(_suite, entries)));
    }

    [Test]
    public void Build_EveryKeyAndAbsentKeys_ProofsVerifyAndMatchReferencePaths()
    {
        var random = new Random(Seed + 7);
        var entries = KeySet(random).Select(k => (Key: k, Value: TestMaps.Value(Convert.ToHexString(k)[..12]))).ToList();
        var (map, root) = TestMaps.Build(_suite, entries);
        var absent = Enumerable.Range(0, 200).Select(_ => TestMaps.RandomKey(random)).ToList();
        var endings = new HashSet<string>();

        foreach (var key in entries.Select(e => e.Key).Concat(absent))
        {
            var proof = StatusMapProof.Build(map, key).ForWire(_suite);
            var (siblings, end) = ReferenceMap.Path(_suite, entries, key);
            var member = end is { } e && e.Key.AsSpan().SequenceEqual(key);

            Assert.That(proof.Problem(_suite, root, key), Is.Null, Convert.ToHexString(key));
            Assert.That(proof.Siblings, Is.EqualTo(siblings), Convert.ToHexString(key));
            Assert.That(proof.Value, Is.EqualTo(member ? end!.Value.Value : null));
            Assert.That(proof.OtherKey, Is.EqualTo(member ? null : end?.Key));
            endings.Add(member ? "member" : end is null ? "empty" : "other leaf");
        }
        Assert.That(endings, Is.EquivalentTo(new[] { "member", "empty", "other leaf" }), "every kind of path occurs");
    }

    private static void Shuffle<T>(List<T> list, Random random)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    private sealed class BytesComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length == 0 ? 0 : obj[0];
    }
}

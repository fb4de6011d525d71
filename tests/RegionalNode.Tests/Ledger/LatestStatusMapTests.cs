using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.StatusMap;
using Regional.Node.Ledger;

namespace Regional.Node.Tests.Ledger;

/// <summary>
/// The writer's in-memory upper levels of the status map (issue 15) must give the roots storage alone gives:
/// block after block, and after a block that never committed.
/// </summary>
[TestFixture]
public sealed class LatestStatusMapTests
{
    private static readonly Suite Suite = Suite.Gm;

    [Test]
    public void Update_ManyBlocksThroughTheCache_SameRootsAsFromStorageAlone()
    {
        // Arrange
        var stored = new MemoryStatusMap();
        var cache = new LatestStatusMap();
        ulong size = 0;

        for (var block = 0; block < 30; block++)
        {
            // Act: a block of new and changed keys, read through the cache; the same block read from storage alone.
            var keys = Enumerable.Range(0, 40).Select(i => $"BJ-2026-{(block * 37 + i * 11) % 700:D6}").ToList();
            var cached = new StatusMapUpdate(Suite, cache.Source(size, stored));
            var plain = new StatusMapUpdate(Suite, stored);
            foreach (var key in keys)
            {
                cached.Set(StatusMapHashing.Key(Suite, key), Value(key, block));
                plain.Set(StatusMapHashing.Key(Suite, key), Value(key, block));
            }
            var (root, changed) = cached.Commit();
            var (expected, _) = plain.Commit();
            stored.Store(changed);
            size += (ulong)keys.Count + 1;
            cache.Committed(size, changed);

            // Assert
            Assert.That(root, Is.EqualTo(expected), $"block {block}");
        }
    }

    [Test]
    public void Update_AfterABlockThatNeverCommitted_ForgottenAndTheNextRootIsStorages()
    {
        // Arrange: one committed block, then a block read through the cache that rolled back.
        var stored = new MemoryStatusMap();
        var cache = new LatestStatusMap();
        var first = new StatusMapUpdate(Suite, cache.Source(0, stored));
        first.Set(StatusMapHashing.Key(Suite, "BJ-2026-000001"), Value("BJ-2026-000001", 0));
        var (_, changed) = first.Commit();
        stored.Store(changed);
        cache.Committed(2, changed);
        var lost = new StatusMapUpdate(Suite, cache.Source(2, stored));
        lost.Set(StatusMapHashing.Key(Suite, "BJ-2026-000002"), Value("BJ-2026-000002", 1));
        lost.Commit();
        cache.Forget();

        // Act
        var next = new StatusMapUpdate(Suite, cache.Source(2, stored));
        next.Set(StatusMapHashing.Key(Suite, "BJ-2026-000003"), Value("BJ-2026-000003", 1));
        var plain = new StatusMapUpdate(Suite, stored);
        plain.Set(StatusMapHashing.Key(Suite, "BJ-2026-000003"), Value("BJ-2026-000003", 1));

        // Assert
        Assert.That(next.Commit().Root, Is.EqualTo(plain.Commit().Root));
    }

    private static byte[] Value(string licenseId, int block) => StatusMapHashing.Encode(new V1.StatusMapEntry
    {
        LicenseId = licenseId,
        Status = V1.LicenseStatus.Active,
        Version = 1,
        LeafIndex = (ulong)block,
    });
}

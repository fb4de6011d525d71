using System.Diagnostics;
using Regional.LicenseVerifier.Ledger;
using Regional.V1;

namespace Regional.LicenseVerifier.Tests.Ledger;

/// <summary>
/// Seeded property test: random damage to a valid block never makes the validator throw, and never
/// lets a damaged block through, with one known exception: header bytes outside what the checkpoint
/// signs (sealed_at, unknown fields) are pinned only by the next block's previous hash, so such a
/// block is accepted and its honest successor is then refused.
/// </summary>
[TestFixture("gm")]
[TestFixture("intl")]
public class BlockValidatorMutationTests(string suiteName) : MirrorFixture(suiteName)
{
    private const int Seed = 20260302;
    private const int Cases = 1000;

    [Test]
    public void Validate_RandomlyMutatedBlock_NeverThrowsNeverAcceptsSignedChange()
    {
        var (chain, mirror) = Started();
        var valid = chain.Seal(
            Issued(3), ChainEntries.Amended(Suite, Region, Id(1), 2), Status(2, LicenseStatus.Suspended),
            ChainEntries.Consent(Region, Id(1)), ChainEntries.Access(Region, Id(3), 1), Status(3, LicenseStatus.Revoked));
        var successor = chain.Seal(Issued(4));
        var validHeader = BlockHeader.Parser.ParseFrom(valid.Header);
        Assert.That(mirror.Validate(valid).Failure, Is.EqualTo(BlockFailure.None));
        var failures = new Dictionary<BlockFailure, int>();
        var unsignedAccepted = 0;
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < Cases; i++)
        {
            var mutation = BlockMutations.Mutate(valid, new Random(Seed + i));
            var context = $"seed {Seed} + case {i} ({Suite.Name}): {mutation.Description}";
            BlockCheck check;
            try
            {
                check = mirror.Validate(mutation.Block);
            }
            catch (Exception ex)
            {
                Assert.Fail($"{context}: threw {ex}");
                return;
            }
            failures[check.Failure] = failures.GetValueOrDefault(check.Failure) + 1;
            if (mutation.Block.Equals(valid))
            {
                Assert.That(check.Failure, Is.EqualTo(BlockFailure.None), $"{context}: a no-op must stay valid");
                continue;
            }
            if (check.IsValid)
            {
                Assert.That(mutation.Block.Entries, Is.EqualTo(valid.Entries), $"{context}: accepted with changed entries");
                Assert.That(Signed(check.Header!), Is.EqualTo(Signed(validHeader)), $"{context}: accepted with a changed signed field");
                var next = BlockValidator.Validate(Suite, Federation.Trusted(Region), check.Next!, successor, mirror.History, mirror.StatusMap);
                Assert.That(next.Failure, Is.EqualTo(BlockFailure.PreviousHashMismatch), $"{context}: the successor must not chain");
                unsignedAccepted++;
                continue;
            }
            Assert.That(check.Next, Is.Null, context);
            Assert.That(check.Detail, Is.Not.Empty, context);
            var expected = mutation.Target switch
            {
                MutationTarget.EntryBytes => [BlockFailure.RootMismatch],
                MutationTarget.EntryCount => [BlockFailure.LeafRangeMismatch],
                _ => Enum.GetValues<BlockFailure>().Where(f => f is not (BlockFailure.None or BlockFailure.InvalidEntry)).ToArray(),
            };
            Assert.That(check.Failure, Is.AnyOf(expected), $"{context}: {check.Detail}");
        }

        TestContext.Out.WriteLine($"seed {Seed}, {Cases} cases in {clock.ElapsedMilliseconds} ms; accepted with only unsigned header bytes changed: {unsignedAccepted}; "
            + string.Join(", ", failures.OrderBy(f => f.Key).Select(f => $"{f.Key} {f.Value}")));
        Assert.That(failures.Keys, Is.SupersetOf(new[] { BlockFailure.Malformed, BlockFailure.CheckpointMismatch, BlockFailure.RootMismatch, BlockFailure.LeafRangeMismatch }),
            "the mutations reach the deeper checks");
    }

    /// <summary>The header fields that the checkpoint signature or the mirror's continuity pin.</summary>
    private static object[] Signed(BlockHeader h) =>
        [h.Region, h.Origin, h.Height, h.PreviousBlockHash, h.FirstLeafIndex, h.LeafCount, h.TreeSize, h.RootHash, h.Checkpoint];
}

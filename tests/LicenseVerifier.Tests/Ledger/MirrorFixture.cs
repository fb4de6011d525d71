using Google.Protobuf;
using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Ledger;
using Regional.LicenseVerifier.Notes;
using Regional.LicenseVerifier.Tests.Bundles;
using Regional.V1;

namespace Regional.LicenseVerifier.Tests.Ledger;

/// <summary>
/// Shared arrangement of the block validator tests, run once per suite by each subclass: Beijing's
/// log sealed by a <see cref="TestChain"/> with the federation's keys, and a mirror of it that
/// trusts Beijing's issuer key.
/// </summary>
public abstract class MirrorFixture(string suiteName)
{
    protected const string Region = "bj";

    protected Suite Suite { get; } = Suite.FromName(suiteName)!;

    internal TestFederation Federation => TestFederation.For(Suite);

    /// <summary>Licence id number n of Beijing.</summary>
    protected static string Id(int n) => ChainEntries.LicenseId(Region, n);

    internal TestChain NewChain(string region = Region, NoteSigner? issuer = null) =>
        new(Suite, region, issuer ?? Federation.Issuer(region));

    internal TestMirror NewMirror(TrustedLog? log = null) => new(Suite, log ?? Federation.Trusted(Region));

    internal LedgerEntry Issued(int n) => ChainEntries.Issued(Suite, Region, Id(n));

    /// <summary>The bytes of issuing each of the licences.</summary>
    internal byte[][] Entries(params int[] licences) => [.. licences.Select(n => Issued(n).ToByteArray())];

    internal static LedgerEntry Status(int n, LicenseStatus status) => ChainEntries.Status(Region, Id(n), status);

    /// <summary>A chain whose first block issues licences 1 and 2, and a mirror that stored it.</summary>
    internal (TestChain Chain, TestMirror Mirror) Started()
    {
        var chain = NewChain();
        var mirror = NewMirror();
        mirror.ReceiveAll(chain.Seal(Issued(1), Issued(2), ChainEntries.Catalog(Region)));
        return (chain, mirror);
    }

    /// <summary>Asserts the mirror refuses the block with the failure, and stays where it was.</summary>
    internal static BlockCheck AssertRefused(TestMirror mirror, Block block, BlockFailure failure)
    {
        var before = mirror.Position;

        var check = mirror.Receive(block);

        Assert.Multiple(() =>
        {
            Assert.That(check.Failure, Is.EqualTo(failure), check.Detail);
            Assert.That(check.IsValid, Is.False);
            Assert.That(check.Next, Is.Null);
            Assert.That(check.Entries, Is.Empty);
            Assert.That(check.Detail, Is.Not.Empty);
            Assert.That(mirror.Position, Is.SameAs(before));
        });
        return check;
    }
}

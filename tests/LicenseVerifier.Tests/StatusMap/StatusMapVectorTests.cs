using Google.Protobuf.WellKnownTypes;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.StatusMap;
using Regional.V1;

namespace Regional.LicenseVerifier.Tests.StatusMap;

/// <summary>
/// Known answers of the status map for both suites: the canonical bytes of fixed licence entries, the
/// roots of maps of 0 to 3 of them and one proof, pinned as hex and recomputed by <see cref="ReferenceMap"/>
/// from explicitly built bytes, so that any change to the encoding or the hashing fails here.
/// </summary>
public class StatusMapVectorTests
{
    private static readonly Timestamp End = new() { Seconds = 1_924_992_000 };

    private static readonly StatusMapEntry[] Entries =
    [
        new() { LicenseId = "BJ-2026-000001", Status = LicenseStatus.Active, Version = 1, LeafIndex = 0, NotAfter = End },
        new() { LicenseId = "BJ-2026-000002", Status = LicenseStatus.Suspended, Version = 2, LeafIndex = 7 },
        new() { LicenseId = "BJ-2026-000003", Status = LicenseStatus.Revoked, Version = 3, LeafIndex = 4_294_967_296, NotAfter = new Timestamp { Seconds = 1_924_992_000, Nanos = 500_000_000 } },
    ];

    /// <summary>The same entries as <see cref="Entries"/>, written out by hand.</summary>
    private static readonly byte[][] Values =
    [
        ReferenceMap.Value("BJ-2026-000001", 1, 1, 0, (1_924_992_000, 0)),
        ReferenceMap.Value("BJ-2026-000002", 2, 2, 7, null),
        ReferenceMap.Value("BJ-2026-000003", 3, 3, 4_294_967_296, (1_924_992_000, 500_000_000)),
    ];

    [TestCase(0, "01000e424a2d323032362d30303030303101000000010000000000000000010000000072bd0c0000000000")]
    [TestCase(1, "01000e424a2d323032362d3030303030320200000002000000000000000700")]
    [TestCase(2, "01000e424a2d323032362d30303030303303000000030000000100000000010000000072bd0c001dcd6500")]
    public void Encode_FixedEntry_KnownBytes(int index, string hex)
    {
        var encoded = StatusMapHashing.Encode(Entries[index]);

        Assert.That(Convert.ToHexStringLower(Values[index]), Is.EqualTo(hex), "the hand-written encoding");
        Assert.That(Convert.ToHexStringLower(encoded), Is.EqualTo(hex));
        Assert.That(StatusMapHashing.Decode(encoded), Is.EqualTo(Entries[index]));
    }

    [TestCase("gm", 0, "0000000000000000000000000000000000000000000000000000000000000000")]
    [TestCase("gm", 1, "640acb8e83e43e0fac8f791295454b26f1fff8ce21eb2dc0d2edbde73703a6bd")]
    [TestCase("gm", 2, "9a0df442940f5793f2e6d80e505f701b98f265e9a30130d3d4ec16080fbbbe6c")]
    [TestCase("gm", 3, "632ff008100d638bc0d52438c4515991b450cbef3039ad6fc77898d8f00f2959")]
    [TestCase("intl", 0, "0000000000000000000000000000000000000000000000000000000000000000")]
    [TestCase("intl", 1, "35091b0e2d7261dc7e80f184f0d8aaabd6ec3886c45b213e488096f6032c49af")]
    [TestCase("intl", 2, "2ba896025c8995721b73bdb7c053c62614fe55ed1efc2883f4a1b2e88c68c9a1")]
    [TestCase("intl", 3, "ece1616707e6cc97650ced6f4960215444b41c131cc81f1c4a0df91f1150d2df")]
    public void Commit_MapOfFixedEntries_KnownRoot(string suiteName, int count, string root)
    {
        var suite = Suite.FromName(suiteName)!;

        var (_, committed) = Production(suite, count);

        Assert.That(Convert.ToHexStringLower(ReferenceMap.Root(suite, Map(suite, count))), Is.EqualTo(root), "the reference root");
        Assert.That(Convert.ToHexStringLower(committed), Is.EqualTo(root));
    }

    [TestCase("gm", "ec83bfddcc658a04dfdad883f66e800e97c5b2d76c1aa4d9c728199ed1f22d5a",
        "7eefa868978954f3089c053c23e48dd64d2ce8256613ae8396138329b0ed94c5,640acb8e83e43e0fac8f791295454b26f1fff8ce21eb2dc0d2edbde73703a6bd")]
    [TestCase("intl", "b1aea74c2ceff05ba04c7ee162284490659da1c0b9d99ed59e878152bd03e778",
        "71459b5762ba279cb08b94cf182ebca9a58411fbb479d650747a46deaf241135,,,,,35091b0e2d7261dc7e80f184f0d8aaabd6ec3886c45b213e488096f6032c49af")]
    public void Prove_SecondEntryOfThree_KnownKeyAndPath(string suiteName, string key, string path)
    {
        var suite = Suite.FromName(suiteName)!;
        var (map, root) = Production(suite, 3);

        var (entry, proof) = LicenseStatusMap.Prove(suite, map, Entries[1].LicenseId);

        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexStringLower(ReferenceMap.Key(suite, Entries[1].LicenseId)), Is.EqualTo(key), "the reference key");
            Assert.That(Convert.ToHexStringLower(StatusMapHashing.Key(suite, Entries[1].LicenseId)), Is.EqualTo(key));
            Assert.That(string.Join(",", ReferenceMap.Path(suite, Map(suite, 3), Convert.FromHexString(key)).Siblings.Select(Convert.ToHexStringLower)), Is.EqualTo(path), "the reference path");
            Assert.That(string.Join(",", proof.Siblings.Select(Convert.ToHexStringLower)), Is.EqualTo(path));
            Assert.That(entry, Is.EqualTo(Entries[1]));
            Assert.That(proof.Problem(suite, root, Convert.FromHexString(key)), Is.Null);
        });
    }

    private static (MemoryStatusMap Map, byte[] Root) Production(Suite suite, int count) =>
        TestMaps.Build(suite, Entries.Take(count).Select(e => (StatusMapHashing.Key(suite, e.LicenseId), StatusMapHashing.Encode(e))));

    private static List<(byte[] Key, byte[] Value)> Map(Suite suite, int count) =>
        [.. Entries.Take(count).Select((e, i) => (ReferenceMap.Key(suite, e.LicenseId), Values[i]))];
}

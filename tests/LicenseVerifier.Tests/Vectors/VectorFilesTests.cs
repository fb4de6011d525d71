namespace Regional.LicenseVerifier.Tests.Vectors;

/// <summary>The vector folder holds exactly one file per kind and suite, each with cases: a vector file
/// that no test reads, or a kind without vectors, fails here.</summary>
public class VectorFilesTests
{
    [Test]
    public void All_VectorFolder_HoldsEveryKindForBothSuitesAndNothingElse()
    {
        var expected = VectorFiles.Kinds.SelectMany(k => new[] { $"{k}-gm.json", $"{k}-intl.json" }).Order(StringComparer.Ordinal);

        Assert.That(VectorFiles.All(), Is.EqualTo(expected));
    }

    [TestCase("merkle", "inclusion"), TestCase("merkle", "consistency"), TestCase("signatures", "signatures"),
     TestCase("notes", "notes"), TestCase("notes", "verifierKeys"), TestCase("digests", "checks"),
     TestCase("statusmap", "proofs"), TestCase("bundles", "cases")]
    public void Cases_EachKind_AreManyAndDistinct(string kind, string array)
    {
        var cases = VectorFiles.Cases(kind, array).Select(c => c.Arguments[1]!.ToString()).ToList();

        Assert.That(cases, Has.Count.GreaterThan(4));
        Assert.That(cases.Distinct().Count(), Is.EqualTo(cases.Count), "every case differs");
    }
}

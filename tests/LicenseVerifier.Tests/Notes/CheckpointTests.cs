using Regional.LicenseVerifier.Notes;
using static Regional.LicenseVerifier.Tests.Notes.NoteVectors;

namespace Regional.LicenseVerifier.Tests.Notes;

public class CheckpointTests
{
    [TestCase("example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", 20852163ul, 0)]
    [TestCase("o\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", 0ul, 0)]
    [TestCase("o\n18446744073709551615\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\next one\next two\n", ulong.MaxValue, 2)]
    public void ParseBody_ValidBody_RoundTrips(string body, ulong size, int extensions)
    {
        var result = Checkpoint.ParseBody(body);

        Assert.That(result.IsSuccess, Is.True, result.Error);
        Assert.That((result.Value!.Size, result.Value.Extensions.Count), Is.EqualTo((size, extensions)));
        Assert.That(result.Value.ToBody(), Is.EqualTo(body));
    }

    [TestCase("o\n007\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "tree size '007'")]
    [TestCase("o\n00\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "tree size")]
    [TestCase("o\n-1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "tree size")]
    [TestCase("o\n+1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "tree size")]
    [TestCase("o\n1a\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "tree size")]
    [TestCase("o\n\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "tree size")]
    [TestCase("o\n 1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "tree size")]
    [TestCase("o\n18446744073709551616\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "tree size")]
    [TestCase("o\n\u0661\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "tree size")]
    [TestCase("o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n", "root hash")]
    [TestCase("o\n1\nnot base64!\n", "root hash")]
    [TestCase("o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=\n", "root hash")]
    [TestCase("o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jx\n", "root hash")]
    [TestCase("o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2IA\n", "root hash")]
    [TestCase("\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "origin line is empty")]
    [TestCase("o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n", "extension line 4 is empty")]
    [TestCase("o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=", "newline")]
    [TestCase("o\n1\n", "got 2 lines")]
    [TestCase("o\r\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "control character")]
    public void ParseBody_MalformedBody_FailsWithReason(string body, string reason)
    {
        var result = Checkpoint.ParseBody(body);

        Assert.That(result.IsSuccess, Is.False);
        Assert.That(result.Error, Does.Contain(reason));
    }

    [Test]
    public void ToBody_FixedCheckpoint_IsTheSpecLayout()
    {
        var checkpoint = new Checkpoint(LogOrigin, 42, Convert.FromBase64String("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="));

        Assert.That(checkpoint.ToBody(), Is.EqualTo(CheckpointBody));
    }

    [Test]
    public void Equals_SameContentDifferentArrays_IsEqual()
    {
        var a = NewCheckpoint();
        var b = Checkpoint.ParseBody(a.ToBody()).Value!;

        Assert.That(b, Is.EqualTo(a));
        Assert.That(b.GetHashCode(), Is.EqualTo(a.GetHashCode()));
        Assert.That(b with { Size = 43 }, Is.Not.EqualTo(a));
    }

    [Test]
    public void Constructor_BrokenInvariants_Throw()
    {
        var root = new byte[32];

        Assert.That(() => new Checkpoint("", 1, root), Throws.ArgumentException);
        Assert.That(() => new Checkpoint("a\nb", 1, root), Throws.ArgumentException);
        Assert.That(() => new Checkpoint("o", 1, new byte[31]), Throws.ArgumentException);
        Assert.That(() => new Checkpoint("o", 1, root, [""]), Throws.ArgumentException);
        Assert.That(() => NewCheckpoint() with { RootHash = new byte[33] }, Throws.ArgumentException);
    }
}

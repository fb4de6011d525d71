using System.Text;
using Regional.LicenseVerifier.Notes;

namespace Regional.LicenseVerifier.Tests.Fuzz;

/// <summary>
/// Seeded property tests of the note parsers on mutated seeds and random bytes: each answers with a
/// parse result (never an exception), within a time bound and bounded allocation, and whatever it
/// accepts is canonical (printing it back gives the exact input).
/// </summary>
public class NoteParserFuzzTests
{
    private static readonly byte[][] Corpus = NoteCorpus.AllBytes;

    [Test]
    public void SignedNoteParse_MutatedOrRandomInput_ResultNeverThrowsAcceptsOnlyCanonical()
    {
        var outcomes = FuzzRun.Run("SignedNote.ParseUtf8", Input, b => b.Length, bytes =>
        {
            var result = SignedNote.ParseUtf8(bytes);
            if (!result.IsSuccess)
            {
                return Kind(result.Error);
            }
            Assert.That(result.Value!.ToString(), Is.EqualTo(Encoding.UTF8.GetString(bytes)), "an accepted note prints back as its input");
            Assert.That(result.Value.Signatures, Has.Count.InRange(1, SignedNote.MaxSignatures));
            return "accepted";
        });

        Assert.That(outcomes.Keys, Does.Contain("accepted"), "valid seeds pass");
        Assert.That(outcomes, Has.Count.GreaterThan(4), "the mutations reach past the first check");
    }

    [Test]
    public void CheckpointParseBody_MutatedOrRandomInput_ResultNeverThrowsAcceptsOnlyCanonical()
    {
        var outcomes = FuzzRun.Run("Checkpoint.ParseBody", (r, i) => Lenient(Input(r, i)), t => 2L * t.Length, text =>
        {
            var result = Checkpoint.ParseBody(text);
            if (!result.IsSuccess)
            {
                return Kind(result.Error);
            }
            Assert.That(result.Value!.ToBody(), Is.EqualTo(text), "an accepted body prints back as its input");
            return "accepted";
        });

        Assert.That(outcomes.Keys, Does.Contain("accepted"), "valid seeds pass");
        Assert.That(outcomes, Has.Count.GreaterThan(4), "the mutations reach past the first check");
    }

    [Test]
    public void NoteVerifierTryParse_MutatedOrRandomInput_ResultNeverThrowsAcceptsOnlyCanonical()
    {
        var outcomes = FuzzRun.Run("NoteVerifier.TryParse", (r, i) => Lenient(Input(r, i)), t => 2L * t.Length, text =>
        {
            if (!NoteVerifier.TryParse(text, out var verifier, out var error))
            {
                Assert.That(verifier, Is.Null);
                return Kind(error);
            }
            Assert.That(verifier!.VerifierKey, Is.EqualTo(text));
            return "accepted";
        });

        Assert.That(outcomes.Keys, Does.Contain("accepted"), "valid seeds pass");
        Assert.That(outcomes, Has.Count.GreaterThan(3), "the mutations reach past the first check");
    }

    /// <summary>Mostly a mutated seed; one case in eight random bytes, up to 1 MB one case in a hundred.</summary>
    private static byte[] Input(Random random, int index) => random.Next(8) switch
    {
        0 => ByteMutator.RandomBytes(random, random.Next(100) == 0 ? 1 << 20 : 4096),
        1 => Corpus[random.Next(Corpus.Length)],
        _ => ByteMutator.Mutate(Corpus[random.Next(Corpus.Length)], Corpus, random),
    };

    /// <summary>The bytes as a string, invalid UTF-8 replaced (string parsers see every char).</summary>
    private static string Lenient(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    /// <summary>The error without its quoted input, to count outcomes by kind.</summary>
    private static string Kind(string? error)
    {
        Assert.That(error, Is.Not.Null.And.Not.Empty, "a refusal says why");
        return new string(error!.TakeWhile(c => c is not ('\'' or '0' or '1' or '2' or '3' or '4' or '5' or '6' or '7' or '8' or '9')).ToArray()).Trim();
    }
}

using System.Text;
using Regional.LicenseVerifier.Notes;

namespace Regional.LicenseVerifier.Tests.Fuzz;

/// <summary>Large hostile notes: refused by the count limit or a syntax check, quickly and with
/// allocation proportional to the input (inputs up to 1 MB).</summary>
public class NoteLimitTests
{
    private static readonly string Valid = NoteCorpus.Notes[1];

    [TestCase(SignedNote.MaxSignatures + 1)]
    [TestCase(10_000)]
    [TestCase(30_000)]
    public void SignedNoteParse_TooManySignatureLines_RefusedByCount(int lines)
    {
        var (text, signatures) = Split(Valid);
        var note = text + "\n" + string.Concat(Enumerable.Repeat(signatures[0], lines));

        var result = Bounded(note, () => SignedNote.Parse(note));

        Assert.That(result.Error, Does.Contain($"{lines} signature lines, at most {SignedNote.MaxSignatures}"));
    }

    [Test]
    public void SignedNoteParse_MaxSignatureLinesOfOneKey_RefusedAsDuplicate()
    {
        var (text, signatures) = Split(Valid);
        var note = text + "\n" + string.Concat(Enumerable.Repeat(signatures[0], SignedNote.MaxSignatures));

        var result = Bounded(note, () => SignedNote.Parse(note));

        Assert.That(result.Error, Does.Contain("two signatures by"));
    }

    /// <remarks>The parser bounds the number of signatures, not their length (as golang.org/x/mod/sumdb/note):
    /// a 1 MB line of base64 parses, within the allocation bound, and no trusted key will ever verify it.</remarks>
    [TestCase(1 << 20)]
    [TestCase(1 << 19)]
    public void SignedNoteParse_HugeSignatureLine_ParsedWithinBounds(int length)
    {
        var (text, _) = Split(Valid);
        var note = text + "\n— regional.example/bj " + new string('A', length) + "\n";

        var result = Bounded(note, () => SignedNote.Parse(note));

        Assert.That(result.IsSuccess, Is.True, result.Error);
        Assert.That(result.Value!.Signatures[0].Signature.Length, Is.EqualTo((length / 4 * 3) - 4));
    }

    [TestCase("\n", TestName = "CheckpointParseBody_OneMegabyteOfNewlines_Refused")]
    [TestCase("x\n", TestName = "CheckpointParseBody_OneMegabyteOfExtensionLines_AcceptedOrRefusedBounded")]
    [TestCase("9", TestName = "CheckpointParseBody_OneMegabyteTreeSize_Refused")]
    public void CheckpointParseBody_OneMegabyte_Bounded(string unit)
    {
        var filler = string.Concat(Enumerable.Repeat(unit, (1 << 20) / unit.Length));
        var body = unit == "9"
            ? "regional.example/bj\n" + filler + "\n" + Convert.ToBase64String(new byte[32]) + "\n"
            : NoteCorpus.Bodies[0] + filler;

        var result = Bounded(body, () => Checkpoint.ParseBody(body));

        Assert.That(result.IsSuccess, Is.EqualTo(unit == "x\n"), result.Error);
    }

    private static (string Text, string[] SignatureLines) Split(string note)
    {
        var at = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        return (note[..(at + 1)], [.. note[(at + 2)..].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l + "\n")]);
    }

    private static ParseResult<T> Bounded<T>(string input, Func<ParseResult<T>> parse)
    {
        ParseResult<T> result = default;
        FuzzRun.Bounded($"{input.Length} chars", () => { result = parse(); return ""; }, 64L * Encoding.UTF8.GetByteCount(input) + (1 << 20));
        return result;
    }
}

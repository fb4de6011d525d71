using System.Text;
using Regional.LicenseVerifier.Notes;
using static Regional.LicenseVerifier.Tests.Notes.NoteVectors;

namespace Regional.LicenseVerifier.Tests.Notes;

public class SignedNoteParseTests
{
    private const string Sig = PeterSignature;

    [TestCase(PeterText + Sig, "no blank line")]
    [TestCase(PeterText + "\n", "no signature lines")]
    [TestCase(PeterText, "no blank line")]
    [TestCase(PeterText + "\n" + Sig + "\n", "no signature lines")]
    [TestCase(PeterText + "\n- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n", "em dash")]
    [TestCase(PeterText + "\n\u2014PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n", "em dash")]
    [TestCase(PeterText + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG!!!\n", "base64")]
    [TestCase(PeterText + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM\n", "base64")]
    [TestCase(PeterText + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAN=\n", "base64")]
    [TestCase(PeterText + "\n\u2014 PeterNeumann AAAAAA==\n", "at least 5")]
    [TestCase(PeterText + "\n\u2014 PeterNeumann\n", "want '\u2014 name base64'")]
    [TestCase(PeterText + "\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n", "base64")]
    [TestCase(PeterText + "\n\u2014 Peter+Neumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n", "'+'")]
    [TestCase(PeterText + "\n\u2014  x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n", "key name is empty")]
    [TestCase("\u0001" + PeterText + "\n" + Sig, "control character U+0001")]
    [TestCase("If you think\r\n" + "\n" + Sig, "control character U+000D")]
    [TestCase("tab\there\n" + "\n" + Sig, "control character U+0009")]
    [TestCase(PeterText + "\n" + Sig + "Unexpected line.\n", "em dash")]
    [TestCase(PeterText + "\n" + "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=", "does not end with a newline")]
    [TestCase(PeterText + "\n" + Sig + Sig, "two signatures by PeterNeumann+c74f20a3")]
    public void Parse_MalformedNote_FailsWithReason(string note, string reason)
    {
        var result = SignedNote.Parse(note);

        Assert.That(result.IsSuccess, Is.False);
        Assert.That(result.Value, Is.Null);
        Assert.That(result.Error, Does.Contain(reason));
    }

    [Test]
    public void Parse_LoneSurrogate_FailsAsInvalidUtf8()
    {
        var note = "lone " + (char)0xD800 + " surrogate\n\n" + Sig;

        var result = SignedNote.Parse(note);

        Assert.That(result.Error, Does.Contain("invalid UTF-8"));
    }

    [Test]
    public void ParseUtf8_InvalidUtf8_Fails()
    {
        byte[] bytes = [0xFF, .. Encoding.UTF8.GetBytes(PeterNote)];

        var result = SignedNote.ParseUtf8(bytes);

        Assert.That(result.Error, Is.EqualTo("note: invalid UTF-8"));
    }

    [Test]
    public void Parse_GoExampleWithTwoSignatures_SplitsTextAndSignatures()
    {
        var result = SignedNote.Parse(PeterText + "\n" + PeterSignature + EnochSignature);

        Assert.That(result.IsSuccess, Is.True, result.Error);
        Assert.That(result.Value!.Text, Is.EqualTo(PeterText));
        Assert.That(result.Value.Signatures.Select(s => (s.KeyName, s.KeyId)),
            Is.EqualTo(new[] { ("PeterNeumann", 0xc74f20a3u), ("EnochRoot", 0xaf0cfe78u) }));
        Assert.That(result.Value.Signatures[0].Signature.Length, Is.EqualTo(64));
        Assert.That(result.Value.ToString(), Is.EqualTo(PeterText + "\n" + PeterSignature + EnochSignature));
    }

    [Test]
    public void Parse_TextWithEmptyLines_SplitsAtTheLastBlankLine()
    {
        var text = "Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned \u00E8 subito sera.\n";

        var result = SignedNote.Parse(text + "\n" + Sig);

        Assert.That(result.Value?.Text, Is.EqualTo(text));
    }

    [TestCase(SignedNote.MaxSignatures, true)]
    [TestCase(SignedNote.MaxSignatures + 1, false)]
    public void Parse_ManySignatures_AcceptsUpToTheLimit(int count, bool accepted)
    {
        var lines = Enumerable.Range(0, count).Select(i => $"\u2014 witness{i}.example AAAAAAE=\n");

        var result = SignedNote.Parse(PeterText + "\n" + string.Concat(lines));

        Assert.That(result.IsSuccess, Is.EqualTo(accepted), result.Error);
        Assert.That(result.Error ?? "", accepted ? Is.Empty : Does.Contain("at most 100"));
    }
}

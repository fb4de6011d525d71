using Regional.Cli.Output;

namespace Regional.Cli.Tests.Output;

[TestFixture]
public sealed class SafeTextTests
{
    [TestCase("电力过户", "电力过户")]
    [TestCase("tj-power", "tj-power")]
    [TestCase("", "")]
    public void Escape_PlainText_Unchanged(string text, string expected) =>
        Assert.That(SafeText.Escape(text), Is.EqualTo(expected));

    [TestCase("a\u001b[2Jb", "a\\u{001B}[2Jb")]
    [TestCase("line\nforged 2026-01-01 download", "line\\u{000A}forged 2026-01-01 download")]
    [TestCase("power\u202Eefsnart", "power\\u{202E}efsnart")]
    [TestCase("x\u2066y\u2069", "x\\u{2066}y\\u{2069}")]
    [TestCase("bell\u0007", "bell\\u{0007}")]
    public void Escape_TerminalControlOrBidiOverride_ShownEscaped(string text, string expected)
    {
        // Act: an access record's text could otherwise clear the screen, forge a table row or reverse a name.
        var escaped = SafeText.Escape(text);

        // Assert
        Assert.That(escaped, Is.EqualTo(expected));
        Assert.That(escaped.Any(char.IsControl), Is.False);
    }
}

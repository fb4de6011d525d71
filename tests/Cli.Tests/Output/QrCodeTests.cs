using Regional.Cli.Output;

namespace Regional.Cli.Tests.Output;

[TestFixture]
public sealed class QrCodeTests
{
    [Test]
    public void Render_ShortText_SquareOfHalfBlocksWithQuietZone()
    {
        // Act: version 1 is 21 modules, plus 4 of quiet zone each side: 29 columns, 15 rows of two modules.
        var lines = QrCode.Render("HELLO");

        // Assert
        Assert.That(lines, Has.Length.EqualTo(15));
        Assert.That(lines.Select(l => l.Length), Is.All.EqualTo(29));
        Assert.That(string.Concat(lines).Distinct(), Is.SubsetOf(new[] { ' ', '█', '▀', '▄' }));
    }

    [Test]
    public void Render_DifferentTexts_DifferentCodes()
    {
        // Act
        var first = QrCode.Render("grant-1");
        var second = QrCode.Render("grant-2");

        // Assert
        Assert.That(first, Is.Not.EqualTo(second));
    }
}

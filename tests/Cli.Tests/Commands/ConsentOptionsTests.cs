using Regional.Cli.Commands;

namespace Regional.Cli.Tests.Commands;

[TestFixture]
public sealed class ConsentOptionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    [TestCase("BJ-2026-000001", "bj")]
    [TestCase("TJ-2026-000042", "tj")]
    [TestCase("XIONGAN-2026-000007", "xiongan")]
    [TestCase("nodash", null)]
    [TestCase("bj-2026-000001", null)]
    [TestCase("BJ-1", null)]
    [TestCase("", null)]
    public void RegionOf_LicenceId_LowerCasePrefix(string id, string? region)
    {
        // Act
        var result = ConsentOptions.RegionOf(id);

        // Assert
        Assert.That(result, Is.EqualTo(region));
    }

    [Test]
    public void Names_CommaListsAndRepeats_TrimmedWithoutDuplicates()
    {
        // Act
        var names = ConsentOptions.Names(["owner_name, location", "location", " ,area_sqm"]);

        // Assert
        Assert.That(names, Is.EqualTo(new[] { "owner_name", "location", "area_sqm" }));
    }

    [Test]
    public void Expiry_Date_EndOfThatDayLocal()
    {
        // Act
        var expiry = ConsentOptions.Expiry("2026-12-31", Now).ToDateTimeOffset().ToLocalTime();

        // Assert
        Assert.That((expiry.Year, expiry.Month, expiry.Day, expiry.Hour, expiry.Minute), Is.EqualTo((2026, 12, 31, 23, 59)));
    }

    [Test]
    public void Expiry_TimeWithOffset_ThatInstant()
    {
        // Act
        var expiry = ConsentOptions.Expiry("2026-12-31T18:00:00+08:00", Now).ToDateTimeOffset();

        // Assert
        Assert.That(expiry, Is.EqualTo(new DateTimeOffset(2026, 12, 31, 10, 0, 0, TimeSpan.Zero)));
    }

    [TestCase("30d", 30 * 24)]
    [TestCase("12h", 12)]
    public void Expiry_Span_FromNow(string text, int hours)
    {
        // Act
        var expiry = ConsentOptions.Expiry(text, Now).ToDateTimeOffset();

        // Assert
        Assert.That(expiry, Is.EqualTo(Now.AddHours(hours)));
    }

    [TestCase("next week")]
    [TestCase("0d")]
    [TestCase("d")]
    public void Expiry_NotADate_UsageError(string text)
    {
        // Act
        var error = Assert.Throws<CliException>(() => ConsentOptions.Expiry(text, Now));

        // Assert
        Assert.That(error!.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.Message, Does.StartWith($"--expires: got '{text}'"));
    }
}

namespace Regional.LicenseVerifier.Tests;

/// <summary>The one licence id rule: region code, year, number; ASCII only, nothing around it.</summary>
public class LicenseIdTests
{
    [TestCase("BJ-2026-000123", "bj", 2026, 123L)]
    [TestCase("TJ-2026-000001", "tj", 2026, 1L)]
    [TestCase("HE-1999-999999999999", "he", 1999, 999_999_999_999L)]
    [TestCase("XIONGAN-2026-0000001", "xiongan", 2026, 1L)]
    [TestCase("ABCDEFGH-0000-000000", "abcdefgh", 0, 0L)]
    public void TryParse_WellFormed_PartsAndCanonicalText(string text, string region, int year, long number)
    {
        // Act
        var parsed = LicenseId.TryParse(text, out var id);

        // Assert
        Assert.That(parsed, Is.True);
        Assert.That((id.Region, id.Year, id.Number), Is.EqualTo((region, year, number)));
        Assert.That(id.ToString(), Is.EqualTo(text));
        Assert.That(id.IsEmpty, Is.False);
        Assert.That(LicenseId.Parse(text), Is.EqualTo(id));
    }

    [TestCase(null, TestName = "TryParse_Null_False")]
    [TestCase("", TestName = "TryParse_Empty_False")]
    [TestCase("bj-2026-000123", TestName = "TryParse_LowerCaseRegion_False")]
    [TestCase("Bj-2026-000123", TestName = "TryParse_MixedCaseRegion_False")]
    [TestCase("B-2026-000123", TestName = "TryParse_OneLetterRegion_False")]
    [TestCase("ABCDEFGHI-2026-000123", TestName = "TryParse_NineLetterRegion_False")]
    [TestCase("B1-2026-000123", TestName = "TryParse_DigitInRegion_False")]
    [TestCase("ÄB-2026-000123", TestName = "TryParse_NonAsciiLetterInRegion_False")]
    [TestCase("-2026-000123", TestName = "TryParse_NoRegion_False")]
    [TestCase("BJ2026-000123", TestName = "TryParse_NoFirstDash_False")]
    [TestCase("BJ-2026000123", TestName = "TryParse_NoSecondDash_False")]
    [TestCase("BJ-2026-", TestName = "TryParse_NoNumber_False")]
    [TestCase("BJ--000123", TestName = "TryParse_NoYear_False")]
    [TestCase("BJ-26-000123", TestName = "TryParse_TwoDigitYear_False")]
    [TestCase("BJ-20260-000123", TestName = "TryParse_FiveDigitYear_False")]
    [TestCase("BJ-2026-12345", TestName = "TryParse_FiveDigitNumber_False")]
    [TestCase("BJ-2026-1234567890123", TestName = "TryParse_ThirteenDigitNumber_False")]
    [TestCase("BJ-2026-000123-1", TestName = "TryParse_ExtraPart_False")]
    [TestCase("BJ-2026-00012a", TestName = "TryParse_LetterInNumber_False")]
    [TestCase("BJ-2026-+00123", TestName = "TryParse_SignInNumber_False")]
    [TestCase("BJ-2026-０００１２３", TestName = "TryParse_FullwidthDigits_False")]
    [TestCase("BJ-２０２６-000123", TestName = "TryParse_FullwidthYear_False")]
    [TestCase("BJ-2026-\u0660\u0660\u0660\u0661\u0662\u0663", TestName = "TryParse_ArabicIndicDigits_False")]
    [TestCase("BJ-2026-\u06F0\u06F0\u06F0\u06F1\u06F2\u06F3", TestName = "TryParse_ExtendedArabicIndicDigits_False")]
    [TestCase(" BJ-2026-000123", TestName = "TryParse_LeadingSpace_False")]
    [TestCase("BJ-2026-000123 ", TestName = "TryParse_TrailingSpace_False")]
    [TestCase("BJ-2026-000123\n", TestName = "TryParse_TrailingNewline_False")]
    [TestCase("BJ - 2026 - 000123", TestName = "TryParse_SpacesAroundDashes_False")]
    [TestCase("BJ-2026-000 123", TestName = "TryParse_SpaceInNumber_False")]
    [TestCase("BJ\u20132026\u2013000123", TestName = "TryParse_EnDashes_False")]
    [TestCase("BJ-2026-000123\0", TestName = "TryParse_TrailingNul_False")]
    public void TryParse_Malformed_FalseAndDefault(string? text)
    {
        // Act
        var parsed = LicenseId.TryParse(text, out var id);

        // Assert
        Assert.That(parsed, Is.False);
        Assert.That(id, Is.EqualTo(default(LicenseId)));
    }

    [Test]
    public void Parse_Malformed_FormatExceptionSayingWhatIsWanted()
    {
        // Act
        var error = Assert.Throws<FormatException>(() => LicenseId.Parse("bj-2026-000123"));

        // Assert
        Assert.That(error!.Message, Does.Contain("got 'bj-2026-000123'").And.Contain("want").And.Contain("BJ-2026-000123"));
    }

    [Test]
    public void Default_NamesNoLicence_EmptyTextAndRegion()
    {
        // Act
        var id = default(LicenseId);

        // Assert
        Assert.That(id.IsEmpty, Is.True);
        Assert.That(id.ToString(), Is.Empty);
        Assert.That(id.Region, Is.Empty);
    }

    [Test]
    public void Equality_SameText_EqualAndSameHash()
    {
        // Act
        var a = LicenseId.Parse("BJ-2026-000123");
        var b = LicenseId.Parse(string.Concat("BJ-2026-", "000123"));

        // Assert
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
        Assert.That(a, Is.Not.EqualTo(LicenseId.Parse("BJ-2026-0000123")), "a number's digits are part of the id");
    }
}

using Regional.LicenseVerifier.Notes;

namespace Regional.LicenseVerifier.Tests.Notes;

/// <summary>A parse result nobody produced is a failure, never a success with a null value.</summary>
public class ParseResultTests
{
    [Test]
    public void Default_NothingParsed_IsNotSuccessAndSaysSo()
    {
        // Act
        var result = default(ParseResult<Checkpoint>);

        // Assert
        Assert.That(result.IsSuccess, Is.False);
        Assert.That(result.Value, Is.Null);
        Assert.That(result.Error, Does.Contain("not parsed"));
    }

    [Test]
    public void Default_OfValueType_IsNotSuccess()
    {
        // Act
        var result = default(ParseResult<int>);

        // Assert
        Assert.That(result.IsSuccess, Is.False);
        Assert.That(result.Error, Is.Not.Null);
    }

    [Test]
    public void Ok_Value_SucceedsWithoutError()
    {
        // Act
        var result = ParseResult.Ok(0);

        // Assert: zero is a value like any other once a parser produced it.
        Assert.That(result.IsSuccess, Is.True);
        Assert.That(result.Value, Is.Zero);
        Assert.That(result.Error, Is.Null);
        Assert.That(result, Is.Not.EqualTo(default(ParseResult<int>)));
    }

    [Test]
    public void Fail_Error_FailsWithThatError()
    {
        // Act
        var result = ParseResult.Fail<Checkpoint>("checkpoint: empty");

        // Assert
        Assert.That(result.IsSuccess, Is.False);
        Assert.That(result.Value, Is.Null);
        Assert.That(result.Error, Is.EqualTo("checkpoint: empty"));
    }

    [Test]
    public void ParseBody_Valid_Succeeds()
    {
        // Act
        var result = Checkpoint.ParseBody("o\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");

        // Assert
        Assert.That(result.IsSuccess, Is.True, result.Error);
        Assert.That(result.Value, Is.Not.Null);
    }
}

using Google.Protobuf.WellKnownTypes;
using Regional.Cli.Import;
using Regional.V1;

namespace Regional.Cli.Tests.Import;

/// <summary>Request ids from a row's content: the same licence gives the same id, any other value another.</summary>
[TestFixture]
public sealed class RequestIdsTests
{
    [Test]
    public void FromContent_FieldsInAnotherOrder_SameId()
    {
        // Arrange
        var first = Request(("company_name", "甲"), ("address", "北京"));
        var second = Request(("address", "北京"), ("company_name", "甲"));

        // Act
        var ids = (RequestIds.FromContent(first), RequestIds.FromContent(second));

        // Assert
        Assert.That(ids.Item1, Is.EqualTo(ids.Item2));
        Assert.That(ids.Item1, Does.Match("^imp-[0-9a-f]{64}$"));
    }

    [TestCase("department")]
    [TestCase("holder")]
    [TestCase("boundary")]
    [TestCase("validity")]
    public void FromContent_OneThingDifferent_AnotherId(string what)
    {
        // Arrange
        var request = Request(("company_name", "甲"), ("address", "北京"));
        var other = request.Clone();
        switch (what)
        {
            case "department": other.IssuingDepartment = "bj-other"; break;
            case "holder": other.HolderId += "1"; break;
            case "boundary": other.Fields[0].Name = "company_name甲"; other.Fields[0].Value = ""; break; // same concatenation, other split
            default: other.Validity = new Validity { NotAfter = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch) }; break;
        }

        // Act
        var ids = (RequestIds.FromContent(request), RequestIds.FromContent(other));

        // Assert
        Assert.That(ids.Item1, Is.Not.EqualTo(ids.Item2));
    }

    private static IssueLicenseRequest Request(params (string Name, string Value)[] fields)
    {
        var request = new IssueLicenseRequest { LicenseType = "business-licence", IssuingDepartment = "bj-samr", HolderId = "91110105MA01ABCD2X" };
        request.Fields.AddRange(fields.Select(f => new LicenseField { Name = f.Name, Value = f.Value }));
        return request;
    }
}

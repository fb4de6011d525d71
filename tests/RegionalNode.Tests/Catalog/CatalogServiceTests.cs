using Grpc.Core;
using Regional.Node.Tests.Licenses;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Node.Tests.Catalog;

/// <summary>The directory (目录): starter types, registration on the log, and its rules.</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public class CatalogServiceTests(string storage) : SingleNodeFixture("tj", "gm", storage)
{
    [Test]
    public async Task ListLicenseTypes_NewNode_HasTheFiveStarterTypesOfItsRegion()
    {
        var list = await Client.Catalog.ListLicenseTypesAsync(new ListLicenseTypesRequest());

        Assert.That(list.LicenseTypes.Select(t => t.LicenseType.Code), Is.EquivalentTo(new[]
        {
            "business-licence", "real-estate-certificate", "taxi-business-licence", "road-transport-certificate", "sports-facility-registration",
        }));
        Assert.That(list.LicenseTypes.Select(t => t.LicenseType.OwningDepartment), Has.All.StartWith("tj-"));
        Assert.That(list.LicenseTypes.Single(t => t.LicenseType.Code == "business-licence").LicenseType.NameZh, Is.EqualTo("营业执照"));
    }

    [Test]
    public async Task RegisterLicenseType_New_GoesOnTheLogAndCanBeIssued()
    {
        var type = new LicenseType
        {
            Code = "food-business-licence",
            NameZh = "食品经营许可证",
            NameEn = "Food business licence",
            OwningDepartment = "tj-samr",
            Sharing = new SharingPolicy { SharingClass = SharingClass.Unconditional },
            Fields =
            {
                new FieldSpec { Name = "operator_name", LabelZh = "经营者名称", LabelEn = "Operator", Type = FieldType.Text, Sensitivity = Sensitivity.Public, Required = true },
                new FieldSpec { Name = "permit_number", LabelZh = "许可证编号", LabelEn = "Permit number", Type = FieldType.Identifier, Sensitivity = Sensitivity.Public, Required = true },
            },
        };
        var before = await Client.TreeSizeAsync();

        var registered = await Client.Catalog.RegisterLicenseTypeAsync(new RegisterLicenseTypeRequest { LicenseType = type });
        var issue = new IssueLicenseRequest { LicenseType = type.Code, IssuingDepartment = "tj-samr", HolderId = "91120000MA0FOOD001" };
        issue.Fields.Add([LicenseClient.Field("operator_name", "天津小吃店"), LicenseClient.Field("permit_number", "JY11201000000001")]);
        var issued = await Client.Licenses.IssueLicenseAsync(issue);

        Assert.That(registered.Revision, Is.EqualTo(1));
        Assert.That(registered.Receipt.LeafIndex, Is.EqualTo(before));
        Assert.That(issued.LicenseId, Does.StartWith("TJ-"));
    }

    [Test]
    public void RegisterLicenseType_OtherRegionsDepartment_InvalidArgument()
    {
        var type = new LicenseType
        {
            Code = "stolen-type",
            NameZh = "冒名",
            NameEn = "Stolen",
            OwningDepartment = "bj-samr",
            Sharing = new SharingPolicy { SharingClass = SharingClass.Unconditional },
            Fields = { new FieldSpec { Name = "x", LabelZh = "x", LabelEn = "x", Type = FieldType.Text, Sensitivity = Sensitivity.Public } },
        };

        var error = Assert.ThrowsAsync<RpcException>(async () => await Client.Catalog.RegisterLicenseTypeAsync(new RegisterLicenseTypeRequest { LicenseType = type }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Does.Contain("owning_department"));
    }
}

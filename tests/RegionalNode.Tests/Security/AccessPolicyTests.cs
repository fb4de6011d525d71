using Regional.Node.Security.Authorization;
using Regional.V1;

namespace Regional.Node.Tests.Security;

public class AccessPolicyTests
{
    [TestCase("/regional.v1.LicenseService/IssueLicense", "issuer", true)]
    [TestCase("/regional.v1.LicenseService/IssueLicense", "clerk", false)]
    [TestCase("/regional.v1.LicenseService/IssueLicense", "node", false)]
    [TestCase("/regional.v1.LicenseService/ImportLicenses", "issuer", true)]
    [TestCase("/regional.v1.LicenseService/ImportLicenses", "clerk", false)]
    [TestCase("/regional.v1.LicenseService/ImportLicenses", "node", false)]
    [TestCase("/regional.v1.LicenseService/DownloadLicense", "clerk", true)]
    [TestCase("/regional.v1.LicenseService/DownloadLicense", "auditor", false)]
    [TestCase("/regional.v1.LicenseService/DownloadLicense", "node", true)]
    [TestCase("/regional.v1.LicenseService/GetLicense", "auditor", true)]
    [TestCase("/regional.v1.ConsentService/GrantConsent", "holder-app", true)]
    [TestCase("/regional.v1.ConsentService/GrantConsent", "clerk", false)]
    [TestCase("/regional.v1.ConsentService/ListConsents", "auditor", true)]
    [TestCase("/regional.v1.LedgerService/AddCheckpoint", "node", true)]
    [TestCase("/regional.v1.LedgerService/AddCheckpoint", "auditor", false)]
    [TestCase("/regional.v1.LedgerService/GetBlocks", "clerk", true)]
    [TestCase("/regional.v1.LedgerService/SomethingNew", "auditor", false)]
    public void AllowedRoles_MethodAndRole_AllowedPerTable(string method, string role, bool allowed)
    {
        var roles = AccessPolicy.AllowedRoles(method);

        Assert.That(roles!.Contains(role), Is.EqualTo(allowed));
    }

    [Test]
    public void AllowedRoles_HealthService_Open()
    {
        Assert.That(AccessPolicy.AllowedRoles("/grpc.health.v1.Health/Check"), Is.Null);
    }

    [Test]
    public void ActingDepartment_IssueAndRegister_TheDepartmentTheyWriteFor()
    {
        var register = new RegisterLicenseTypeRequest { LicenseType = new LicenseType { OwningDepartment = "bj-samr" } };

        Assert.That(AccessPolicy.ActingDepartment(new IssueLicenseRequest { IssuingDepartment = "bj-tax" }), Is.EqualTo("bj-tax"));
        Assert.That(AccessPolicy.ActingDepartment(register), Is.EqualTo("bj-samr"));
        Assert.That(AccessPolicy.ActingDepartment(new GetLicenseRequest()), Is.Null);
    }
}

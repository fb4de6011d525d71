using Google.Protobuf.Reflection;
using Regional.Node.Standby;
using Regional.V1;

namespace Regional.Node.Tests.Standby;

/// <summary>What a standby answers itself: reads of stored state only. Every method that writes, or that decides and
/// records an access (a download, a fact check, a holder query, consent), goes to the active node.</summary>
public class StandbyGateTests
{
    private static readonly string[] Reads =
    [
        "LedgerService/GetCheckpoint", "LedgerService/GetBlocks", "LedgerService/GetInclusionProof", "LedgerService/GetConsistencyProof",
        "LedgerService/GetLedgerStatus", "LicenseService/VerifyLicense", "LicenseService/GetLicense", "LicenseService/GetStatusProof",
        "CatalogService/GetLicenseType", "CatalogService/ListLicenseTypes", "DirectoryService/ListApplications",
    ];

    private static IEnumerable<MethodDescriptor> Methods() =>
        new[] { LicenseServiceReflection.Descriptor, LedgerServiceReflection.Descriptor, CatalogServiceReflection.Descriptor, ConsentServiceReflection.Descriptor,
            DirectoryServiceReflection.Descriptor }
            .SelectMany(file => file.Services).SelectMany(service => service.Methods);

    [Test]
    public void EveryMethodOfTheRegionsServices_OnlyTheReadsAreServed()
    {
        // Arrange
        var served = new List<string>();

        // Act
        foreach (var method in Methods())
        {
            if (StandbyGate.Serves($"/{method.Service.FullName}/{method.Name}", Activator.CreateInstance(method.InputType.ClrType)!))
            {
                served.Add($"{method.Service.Name}/{method.Name}");
            }
        }

        // Assert
        Assert.That(served, Is.EquivalentTo(Reads));
        Assert.That(Methods().Count(), Is.GreaterThan(Reads.Length + 8), "the writes are among the methods looked at");
    }

    [Test]
    public void VerifyLicense_AFactCheck_GoesToTheActive()
    {
        // Arrange: values without salts: the issuing region decides the access and records it.
        var factCheck = new VerifyLicenseRequest { LicenseId = "BJ-2026-000001" };
        factCheck.Disclosed.Add(new DisclosedField { Name = "holder_name", Value = "张三" });
        var statusCheck = new VerifyLicenseRequest { LicenseId = "BJ-2026-000001" };

        // Act
        var servesFactCheck = StandbyGate.Serves("/regional.v1.LicenseService/VerifyLicense", factCheck);
        var servesStatusCheck = StandbyGate.Serves("/regional.v1.LicenseService/VerifyLicense", statusCheck);

        // Assert
        Assert.That(servesFactCheck, Is.False);
        Assert.That(servesStatusCheck, Is.True);
    }

    [TestCase("/grpc.health.v1.Health/Check")]
    [TestCase("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo")]
    public void HealthAndReflection_Served(string method) =>
        Assert.That(StandbyGate.Serves(method, new object()), Is.True);
}

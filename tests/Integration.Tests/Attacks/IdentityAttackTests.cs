using Grpc.Core;
using Regional.V1;

namespace Regional.Integration.Tests.Attacks;

/// <summary>Identities that cannot be borrowed: departments belong to their certificate's region, a
/// relaying node acts only for its own region's departments, auditors never see content, and every
/// access to content is recorded, the owner's own included. Three live nodes; each attack is refused
/// with its exact status and leaves every log and mirror as it was.</summary>
[NonParallelizable]
public sealed class IdentityAttackTests : AttackFixture
{
    [Test]
    public async Task StolenTianjinNodeKey_RelaysAsBeijingNaturalResources_PermissionDeniedAndAlarmOnBj()
    {
        // Arrange: tj's own node certificate, calling bj directly and claiming the owning department.
        var before = await Attack.ConvergedAsync();
        var tjNode = new LicenseService.LicenseServiceClient(Attack.ChannelWith("bj", Attack.NodeCertificate("tj")));
        var claim = new Metadata { { "x-regional-on-behalf-of", "bj-natural-resources:issuer:mallory" } };

        // Act
        var download = await AttackFederation.RefusalOf(() => tjNode.DownloadLicenseAsync(new DownloadLicenseRequest { LicenseId = Flat }, claim).ResponseAsync);
        var factCheck = await AttackFederation.RefusalOf(() => tjNode.VerifyLicenseAsync(
            new VerifyLicenseRequest { LicenseId = Flat, Disclosed = { new DisclosedField { Name = "owner_id_number", Value = AttackFederation.OwnerId } } }, claim).ResponseAsync);

        // Assert
        Assert.That((download.Code, download.Reason), Is.EqualTo((StatusCode.PermissionDenied, "RELAY_OUTSIDE_REGION")), download.Message);
        Assert.That((factCheck.Code, factCheck.Reason), Is.EqualTo((StatusCode.PermissionDenied, "RELAY_OUTSIDE_REGION")), factCheck.Message);
        var status = await new LedgerService.LedgerServiceClient(Attack.Federation["bj"].Channel).GetLedgerStatusAsync(new GetLedgerStatusRequest());
        Assert.That(status.Alarms.Count(a => a.Kind == "impersonation" && a.Region == "tj"), Is.EqualTo(2));
        await Attack.AssertUnchangedAsync(before, newAlarms: 2);
    }

    [Test]
    public async Task Issuer_ImportsRowsOfAnotherDepartment_EachRefusedWrongDepartmentAndNothingWritten()
    {
        // Arrange: bj's market regulator streams real-estate certificates as bj-natural-resources, their owner.
        // No interceptor sees a streamed row: the import checks each row's department against the certificate.
        var before = await Attack.ConvergedAsync();
        var samr = Attack.Licenses("bj", "bj", "bj-samr", "issuer");
        var rows = Enumerable.Range(1, 3).Select(i =>
        {
            var flat = AttackFederation.FlatRequest($"11010819880505{i:D4}");
            flat.RequestId = $"attack-import-{i}";
            return new ImportLicensesRequest { Row = (ulong)i, License = flat };
        }).ToList();

        // Act
        using var call = samr.ImportLicenses();
        foreach (var row in rows)
        {
            await call.RequestStream.WriteAsync(row);
        }
        await call.RequestStream.CompleteAsync();
        var results = await call.ResponseStream.ReadAllAsync().ToListAsync();

        // Assert
        Assert.That(results.Select(r => r.Row), Is.EquivalentTo(new ulong[] { 1, 2, 3 }));
        Assert.That(results.Select(r => (r.Error?.Code, r.Error?.Reason)), Is.All.EqualTo(("PERMISSION_DENIED", "WRONG_DEPARTMENT")));
        Assert.That(results[0].Error.Message, Does.Contain("bj-natural-resources").And.Contain("bj-samr"));
        await Attack.AssertUnchangedAsync(before);
    }

    [TestCase("urn:regional:client:tj:bj-natural-resources:issuer", "tj")]
    [TestCase("urn:regional:client:bj:tj-power:clerk", "bj")]
    public async Task CertificateNamingAnotherRegionsDepartment_Unauthenticated(string uri, string node)
    {
        // Arrange: a certificate the CA should never have signed.
        var before = await Attack.ConvergedAsync();
        var forged = new LicenseService.LicenseServiceClient(Attack.ChannelWith(node, Attack.Federation.Ca.IssueForged(uri, "mallory")));

        // Act
        var refusal = await AttackFederation.RefusalOf(() => forged.DownloadLicenseAsync(new DownloadLicenseRequest { LicenseId = Flat }).ResponseAsync);

        // Assert
        Assert.That((refusal.Code, refusal.Reason), Is.EqualTo((StatusCode.Unauthenticated, "DEPARTMENT_OUTSIDE_REGION")), refusal.Message);
        await Attack.AssertUnchangedAsync(before);
    }

    [TestCase("bj")]
    [TestCase("tj")]
    public async Task Auditor_FactChecksAnOwnersIdNumber_PermissionDenied(string node)
    {
        // Arrange: an auditor reads records and ledgers, never content; a fact check confirms content.
        var before = await Attack.ConvergedAsync();
        var auditor = Attack.Licenses(node, node, $"{node}-audit", "auditor");
        var request = new VerifyLicenseRequest { LicenseId = Flat, Disclosed = { new DisclosedField { Name = "owner_id_number", Value = AttackFederation.OwnerId } } };

        // Act
        var refusal = await AttackFederation.RefusalOf(() => auditor.VerifyLicenseAsync(request).ResponseAsync);
        var status = await auditor.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = Flat });

        // Assert
        Assert.That((refusal.Code, refusal.Reason), Is.EqualTo((StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED")), refusal.Message);
        Assert.That(status.Status, Is.EqualTo(VerificationStatus.Valid), "a status check stays open to auditors");
        await Attack.AssertUnchangedAsync(before);
    }

    [Test]
    public async Task Auditor_DownloadsALicence_PermissionDenied()
    {
        var before = await Attack.ConvergedAsync();
        var auditor = Attack.Licenses("bj", "bj", "bj-audit", "auditor");

        var refusal = await AttackFederation.RefusalOf(() => auditor.DownloadLicenseAsync(new DownloadLicenseRequest { LicenseId = Flat }).ResponseAsync);

        Assert.That((refusal.Code, refusal.Reason), Is.EqualTo((StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED")), refusal.Message);
        await Attack.AssertUnchangedAsync(before);
    }

    [Test]
    public async Task OwningDepartment_DownloadsItsOwnLicence_TheReadIsRecorded()
    {
        // Arrange: insider abuse is the abuse the articles name; the owner's own reads are on the log too.
        var owner = Attack.Licenses("bj", "bj", "bj-natural-resources", "issuer");

        // Act
        var document = await owner.DownloadLicenseAsync(new DownloadLicenseRequest { LicenseId = Flat });
        var history = await owner.GetLicenseAsync(new GetLicenseRequest { LicenseId = Flat });

        // Assert
        Assert.That(document.Document.Fields.Select(f => f.Name), Does.Contain("owner_id_number"));
        var accesses = history.History.Where(h => h.Kind == "access_recorded").Select(h => LedgerEntry.Parser.ParseFrom(h.Entry).AccessRecorded).ToList();
        Assert.That(accesses.Where(a => a.RelyingDepartment == "bj-natural-resources" && a.Kind == AccessKind.Download), Is.Not.Empty);
    }

    [Test]
    public async Task NodeWithoutACa_RefusesToStartUnlessTheDevelopmentSwitchIsGiven()
    {
        // Arrange: a node with no federation CA would serve every licence to anyone who connects.
        var data = Path.Combine(Path.GetTempPath(), "regional-tests", "no-ca-" + Guid.NewGuid().ToString("N"));
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Support.ChildNode.NodeDll(), "--region", "bj", "--data", data, "--listen", "127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }

        // Act
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        // Assert
        Assert.That(process.ExitCode, Is.Not.Zero, output);
        Assert.That(output, Does.Contain("Node:CaCertificatePath").And.Contain("--development-open-access"));
    }
}

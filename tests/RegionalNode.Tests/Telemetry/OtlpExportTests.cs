using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Regional.Node.Hosting;
using Regional.Node.Telemetry;

namespace Regional.Node.Tests.Telemetry;

/// <summary>OTLP export is switched on by OTEL_EXPORTER_OTLP_ENDPOINT alone: without it no exporter
/// (and no OpenTelemetry log provider) is registered and nothing leaves the node.</summary>
public class OtlpExportTests
{
    private const string OtlpAssembly = "OpenTelemetry.Exporter.OpenTelemetryProtocol";

    [Test]
    public async Task Build_NoOtlpEndpoint_NoOtlpExporterRegistered()
    {
        var services = await RegistrationsAsync();

        Assert.That(services.Where(FromOtlp), Is.Empty);
        Assert.That(services.Where(IsOpenTelemetryLogger), Is.Empty);
    }

    [Test]
    public async Task Build_OtlpEndpointConfigured_OtlpExporterAndLogProviderRegistered()
    {
        var services = await RegistrationsAsync($"--{TelemetrySetup.OtlpEndpointKey}=http://127.0.0.1:4317");

        Assert.That(services.Where(FromOtlp), Is.Not.Empty);
        Assert.That(services.Where(IsOpenTelemetryLogger), Is.Not.Empty);
    }

    /// <summary>The node's service registrations, as built (not started).</summary>
    private static async Task<List<ServiceDescriptor>> RegistrationsAsync(params string[] extra)
    {
        var folder = Path.Combine(Path.GetTempPath(), "regional-tests", $"otlp-{Guid.NewGuid():N}");
        IServiceCollection? captured = null;
        var app = NodeApp.Build(["--Node:Region=bj", $"--Node:DataDirectory={folder}", "--development-open-access", .. extra], builder =>
        {
            builder.Logging.AddFilter(_ => false); // quiet, yet every provider stays registered
            captured = builder.Services;
        });
        await app.DisposeAsync();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        return [.. captured!];
    }

    private static bool FromOtlp(ServiceDescriptor descriptor) =>
        new[] { descriptor.ServiceType, descriptor.ImplementationType, descriptor.ImplementationInstance?.GetType() }
            .Concat(descriptor.ServiceType.GenericTypeArguments)
            .Any(t => t?.Assembly.GetName().Name == OtlpAssembly);

    private static bool IsOpenTelemetryLogger(ServiceDescriptor descriptor) =>
        descriptor.ServiceType == typeof(ILoggerProvider)
        && (descriptor.ImplementationType ?? descriptor.ImplementationFactory?.Method.DeclaringType)?.Assembly.GetName().Name == "OpenTelemetry";
}

using System.Reflection;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using Regional.Node.Ledger;
using Regional.Node.Storage;
using Regional.V1;
using Regional.Node.Configuration;

namespace Regional.Node.Catalog;

/// <summary>
/// On the first start of a node whose directory is empty, registers the starter licence types
/// (embedded <c>starter-catalog.json</c>) for the node's own region, as catalog entries in its
/// first block. Later starts find the types in the log and do nothing.
/// </summary>
internal sealed partial class StarterCatalogLoader(
    LedgerWriter writer, IDatabase database, OwnLog log, IOptions<NodeOptions> options, ILogger<StarterCatalogLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.LoadStarterCatalog)
        {
            return;
        }
        using (var session = database.Open())
        {
            if (session.Catalog.List(log.Region).Count > 0)
            {
                return;
            }
        }
        var types = Load(log.Region);
        var pending = types.Select(t => writer.SubmitAsync(new RegisterLicenseTypeCommand(t), cancellationToken)).ToList();
        await Task.WhenAll(pending);
        LogLoaded(types.Count, log.Region);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The starter types for a region, parsed from the embedded JSON.</summary>
    public static List<LicenseType> Load(string region)
    {
        using var stream = typeof(StarterCatalogLoader).Assembly.GetManifestResourceStream("Regional.Node.Catalog.starter-catalog.json")
            ?? throw new InvalidOperationException("the starter catalog is not embedded in this build");
        using var document = JsonDocument.Parse(stream);
        var parser = new JsonParser(JsonParser.Settings.Default);
        return [.. document.RootElement.GetProperty("types").EnumerateArray()
            .Select(t => parser.Parse<LicenseType>(t.GetRawText().Replace("{region}", region, StringComparison.Ordinal)))];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded the starter directory: {Count} licence types for region {Region}")]
    private partial void LogLoaded(int count, string region);
}

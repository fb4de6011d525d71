using Google.Protobuf;
using Microsoft.Extensions.Options;
using Regional.Node.Catalog;
using Regional.Node.Federation;
using Regional.Node.Ledger;
using Regional.V1;

namespace Regional.Node.Hosting;

/// <summary>
/// GET /verify: the offline verification page (clients/typescript/page, built into one HTML file and
/// embedded here), with this federation's trust file and the directory's field labels preloaded. The page
/// checks a licence file in the browser with the TypeScript verifier (docs/verifying.md) and sends nothing
/// back: its Content-Security-Policy allows no request at all. This endpoint only serves it.
/// </summary>
/// <remarks>A node without a trust file (running alone) serves the page without one: the user picks it.</remarks>
internal static class VerifyPage
{
    private const string Resource = "Regional.Node.Hosting.verify.html";

    private const string Policy = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Lazy<string> Template = new(() =>
    {
        using var stream = typeof(VerifyPage).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"embedded resource {Resource} is missing: build clients/typescript's page (npm run build:page)");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>Maps GET /verify.</summary>
    public static WebApplication MapVerifyPage(this WebApplication app)
    {
        app.MapGet("/verify", async (HttpContext context, IOptions<FederationOptions> federation, LogReader reader) =>
        {
            var trust = federation.Value.TrustFile is { Length: > 0 } path ? await File.ReadAllTextAsync(path, context.RequestAborted) : null;
            string catalog;
            using (var session = reader.Open())
            {
                catalog = JsonFormatter.Default.Format(session.Catalog.ListResponse(new ListLicenseTypesRequest()));
            }
            context.Response.Headers.ContentSecurityPolicy = Policy;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Content(Render(trust, catalog), "text/html; charset=utf-8");
        });
        return app;
    }

    /// <summary>The page with the trust file and the catalog (JSON texts) in their script elements.</summary>
    internal static string Render(string? trustJson, string catalogJson) => Template.Value
        .Replace(Slot("regional-trust", "null"), Slot("regional-trust", trustJson ?? "null"), StringComparison.Ordinal)
        .Replace(Slot("regional-catalog", "null"), Slot("regional-catalog", catalogJson), StringComparison.Ordinal);

    /// <summary>A JSON script element; "&lt;" is escaped so the JSON cannot close the element.</summary>
    private static string Slot(string id, string json) =>
        $"<script type=\"application/json\" id=\"{id}\">{json.Replace("<", "\\u003c", StringComparison.Ordinal)}</script>";
}

using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using System.CommandLine;
using Regional.Cli.Cluster;
using Regional.Cli.Output;
using Regional.LicenseVerifier;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>What the consent commands share: they act as the holders' app, by default against the
/// issuing region of the licence (whose node signs and records the grant).</summary>
internal static class ConsentOptions
{
    public static ConsentService.ConsentServiceClient Client(Invocation invocation) => new(invocation.Calls);

    /// <summary>Talk to the licence's issuing region (unless --node) as that region's holders' app (unless --as).</summary>
    public static void ActAsHolderOf(Invocation invocation, string? licenseId)
    {
        invocation.DefaultNode = RegionOf(licenseId);
        invocation.DefaultClient = DemoClients.HolderAppFor;
    }

    /// <summary>"bj" for "BJ-2026-000001"; null when the text is not a licence id.</summary>
    public static string? RegionOf(string? licenseId) => LicenseId.TryParse(licenseId, out var id) ? id.Region : null;

    /// <summary>Splits "a,b" and repeated values into field names, without blanks or duplicates.</summary>
    public static string[] Names(string[]? values) =>
        [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal)];

    /// <summary>A date (the end of that day, local time), an ISO 8601 time, or a span from
    /// <paramref name="now"/> such as 30d or 12h; anything else is a usage error.</summary>
    public static Timestamp Expiry(string text, DateTimeOffset now)
    {
        if (text.Length > 1 && text[^1] is 'd' or 'h' && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
        {
            return Timestamp.FromDateTimeOffset(text[^1] == 'd' ? now.AddDays(count) : now.AddHours(count));
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var end = date.ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Local);
            return Timestamp.FromDateTimeOffset(new DateTimeOffset(end));
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var time))
        {
            return Timestamp.FromDateTimeOffset(time);
        }
        throw new CliException($"--expires: got '{text}', want a date such as 2026-12-31, a time such as 2026-12-31T18:00:00+08:00, or a span such as 30d");
    }

    /// <summary>One grant as "name  value" lines.</summary>
    public static void WriteGrant(Invocation invocation, ConsentGranted grant, params (string Name, string Value)[] more) =>
        invocation.Screen.Pairs( [
            ("grant", SafeText.Escape(grant.GrantId)),
            ("licence", SafeText.Escape(grant.LicenseId)),
            ("to", RelyingParty(grant)),
            ("matter", Matter(grant)),
            ("fields", grant.Fields.Count == 0 ? "(status only)" : SafeText.Escape(string.Join(", ", grant.Fields))),
            ("expires", Output.Names.Time(grant.ExpiresAt)),
            ("use", grant.SingleUse ? "single use" : "until it expires"),
            .. more]);

    public static string RelyingParty(ConsentGranted grant) => SafeText.Escape(
        grant.RelyingWindow.Length == 0 ? grant.RelyingDepartment : $"{grant.RelyingDepartment} / window {grant.RelyingWindow}");

    public static string Matter(ConsentGranted grant) => SafeText.Escape(
        grant.MatterName.Length == 0 ? grant.MatterCode : $"{grant.MatterName} ({grant.MatterCode})");

    /// <summary>The holder the app authenticated (--holder): sent with every consent call, checked by the
    /// issuing node against the licence's holder, never logged.</summary>
    public static Option<string> Holder(bool required) => new("--holder")
    {
        Description = "The holder the holders' app authenticated (ID card number or credit code); must be the licence's holder.",
        Required = required,
    };
}

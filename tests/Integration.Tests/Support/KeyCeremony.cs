using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;

namespace Regional.Integration.Tests.Support;

/// <summary>What an operator does to rotate a stopped node's signing key: runs
/// `dotnet Regional.Node.dll rotate-key` as its own process, reads what it prints, and edits the
/// trust file (new key in logKeys, old key with its last size in retiredLogKeys).</summary>
internal static partial class KeyCeremony
{
    /// <summary>The keys and size a rotation printed.</summary>
    public sealed record Printed(string RetiredKey, string NewKey, ulong LastTreeSize, string Output);

    [GeneratedRegex(@"retired key: (\S+) \(signed up to tree size (\d+)\)")]
    private static partial Regex RetiredLine();

    [GeneratedRegex(@"new key:\s+(\S+)")]
    private static partial Regex NewLine();

    /// <summary>Runs rotate-key with the node's settings ("--Node:Region=bj", ...); asserts it succeeded.</summary>
    public static async Task<Printed> RotateAsync(IEnumerable<string> nodeSettings)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { ChildNode.NodeDll(), "rotate-key" }.Concat(nodeSettings))
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        var text = await output + await error;
        Assert.That(process.ExitCode, Is.Zero, text);
        var retired = RetiredLine().Match(text);
        var added = NewLine().Match(text);
        Assert.That(retired.Success && added.Success, Is.True, text);
        return new Printed(retired.Groups[1].Value, added.Groups[1].Value, ulong.Parse(retired.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), text);
    }

    /// <summary>The trust file edit a rotation asks for, as plain JSON.</summary>
    public static void UpdateTrustFile(string path, string region, Printed rotation)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        var entry = root["regions"]!.AsArray().Single(r => (string?)r!["id"] == region)!;
        entry["logKeys"] = new JsonArray(rotation.NewKey);
        var retired = entry["retiredLogKeys"]?.AsArray() ?? [];
        retired.Add(new JsonObject { ["key"] = rotation.RetiredKey, ["lastTreeSize"] = rotation.LastTreeSize });
        entry["retiredLogKeys"] = JsonNode.Parse(retired.ToJsonString());
        File.WriteAllText(path, root.ToJsonString());
    }

    /// <summary>A log's first signing key, read from the node's key file (for forging with it).</summary>
    public static NoteSigner FirstKey(string dataDirectory, string origin, SignatureAlgorithm algorithm)
    {
        var lines = File.ReadAllLines(Path.Combine(dataDirectory, "keys", "signing.key"));
        return NoteSigner.Create(origin, PrivateKey.FromSecret(algorithm, Convert.FromBase64String(lines[2])));
    }
}

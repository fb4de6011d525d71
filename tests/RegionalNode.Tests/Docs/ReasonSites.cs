using System.Text.RegularExpressions;
using Grpc.Core;

namespace Regional.Node.Tests.Docs;

/// <summary>One place that throws a NodeException: its ErrorInfo reason, its status code, where
/// ("src/RegionalNode/Ledger/LogReader.cs:31") and the ErrorInfo metadata keys written there.</summary>
internal sealed record ReasonSite(string Reason, StatusCode Code, string Place, IReadOnlyList<string> MetadataKeys);

/// <summary>
/// Finds the ErrorInfo reasons of the node's sources, read as text: the reason argument of every
/// <c>NodeException.&lt;Code&gt;(reason, ...)</c> factory call and every <c>new NodeException(StatusCode.X, reason, ...)</c>
/// (target-typed <c>new(StatusCode.X, ...)</c> too). A reason is a literal, a constant (unqualified from
/// the same file, or <c>Type.Name</c> from Type.cs), <c>a ?? b</c>, a known dynamic value
/// (<see cref="Dynamic"/>), or the parameter of a helper in the same file, whose callers then give it.
/// Anything else is returned as unresolved, so a new way of throwing fails the catalogue test rather
/// than slipping past it.
/// </summary>
internal static partial class ReasonSites
{
    /// <summary>Reasons that are values, not literals: the expression, and the file and pattern whose
    /// captures are all its values.</summary>
    private static readonly Dictionary<string, (string File, Regex Values)> Dynamic = new(StringComparer.Ordinal)
    {
        // A client certificate whose urn:regional:client: URI names nobody (AuthorizationInterceptor).
        ["caller.Problem"] = ("src/LicenseVerifier/Certificates/CertificateIdentity.cs", new Regex("problem = \"([A-Z_]+)\"")),
    };

    /// <summary>Every site under src/RegionalNode of the checkout at <paramref name="root"/>.</summary>
    public static (List<ReasonSite> Sites, List<string> Unresolved) Read(string root)
    {
        var node = Path.Combine(root, "src", "RegionalNode");
        var files = Directory.GetFiles(node, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .ToDictionary(f => f, f => File.ReadAllText(Path.Combine(root, f)), StringComparer.Ordinal);
        return Find(files, expression => Dynamic.TryGetValue(expression, out var source)
            ? [.. source.Values.Matches(File.ReadAllText(Path.Combine(root, source.File))).Select(m => m.Groups[1].Value)]
            : null);
    }

    /// <summary>The sites of <paramref name="files"/> (path to text); <paramref name="dynamic"/> gives the
    /// values of a non-literal reason expression, or null when it knows none.</summary>
    public static (List<ReasonSite> Sites, List<string> Unresolved) Find(
        IReadOnlyDictionary<string, string> files, Func<string, IReadOnlyList<string>?> dynamic)
    {
        var sites = new List<ReasonSite>();
        var unresolved = new List<string>();
        foreach (var (path, text) in files)
        {
            var calls = Factory().Matches(text).Select(m => (Match: m, Code: m.Groups["factory"].Value))
                .Where(c => c.Code is not ("InvalidArgument" or "InvalidArguments")) // reason INVALID_ARGUMENT, in NodeException.cs
                .Concat(Constructor().Matches(text).Select(m => (Match: m, Code: m.Groups["code"].Value)))
                .OrderBy(c => c.Match.Index).ToList();
            for (var i = 0; i < calls.Count; i++)
            {
                var (match, codeName) = calls[i];
                var reason = match.Groups["reason"];
                var place = $"{path}:{Line(text, reason.Index)}";
                if (!Enum.TryParse<StatusCode>(codeName, out var code))
                {
                    unresolved.Add($"{place}: '{codeName}' is no status code");
                    continue;
                }
                var end = i + 1 < calls.Count ? calls[i + 1].Match.Index : text.Length;
                var keys = MetadataKeys(text[match.Index..end], path, files);
                foreach (var (value, at) in Resolve(reason.Value.Trim(), reason.Index, path, files, dynamic))
                {
                    if (value is null)
                    {
                        unresolved.Add($"{place}: cannot tell the reason of '{reason.Value.Trim()}'");
                    }
                    else
                    {
                        sites.Add(new ReasonSite(value, code, at ?? place, keys));
                    }
                }
            }
        }
        return (sites, unresolved);
    }

    /// <summary>The reasons an expression may be, each with the place that names it when that is not the
    /// throw itself (a helper's caller); a null reason when it cannot be told.</summary>
    private static IEnumerable<(string? Reason, string? Place)> Resolve(string expression, int index, string path,
        IReadOnlyDictionary<string, string> files, Func<string, IReadOnlyList<string>?> dynamic)
    {
        if (expression.Contains("??", StringComparison.Ordinal))
        {
            return expression.Split("??").SelectMany(part => Resolve(part.Trim(), index, path, files, dynamic));
        }
        if (Literal().Match(expression) is { Success: true } literal)
        {
            return [(literal.Groups[1].Value, null)];
        }
        if (dynamic(expression) is { Count: > 0 } values)
        {
            return values.Select(v => ((string?)v, (string?)null));
        }
        if (Parameter().IsMatch(expression))
        {
            return Helper(expression, index, path, files, dynamic);
        }
        var parts = expression.Split('.');
        var file = parts.Length == 1 ? path : files.Keys.FirstOrDefault(f => f.EndsWith($"/{parts[^2]}.cs", StringComparison.Ordinal));
        var constant = file is null ? null : Constant(parts[^1]).Match(files[file]);
        return [(constant is { Success: true } ? constant.Groups[1].Value : null, null)];
    }

    /// <summary>A reason passed in as a parameter: the reasons the helper's callers in the same file pass.
    /// NodeException's own factories are left out: their calls are sites themselves.</summary>
    private static IEnumerable<(string? Reason, string? Place)> Helper(string parameter, int index, string path,
        IReadOnlyDictionary<string, string> files, Func<string, IReadOnlyList<string>?> dynamic)
    {
        if (path.EndsWith("/Errors/NodeException.cs", StringComparison.Ordinal))
        {
            return [];
        }
        var text = files[path];
        var declaration = new Regex($@"\b([A-Z]\w*)\(([^()]*\bstring\s+{parameter}\b[^()]*)\)").Matches(text[..index]).LastOrDefault();
        if (declaration is null)
        {
            return [(null, null)];
        }
        var calls = new Regex($@"(?<![.\w]){declaration.Groups[1].Value}\(\s*(?<reason>[^,()]+?)\s*,").Matches(text)
            .Where(m => m.Index != declaration.Index).ToList();
        return calls.Count == 0
            ? [(null, null)]
            : calls.SelectMany(m => Resolve(m.Groups["reason"].Value, m.Index, path, files, dynamic)
                .Select(r => (r.Reason, (string?)(r.Place ?? $"{path}:{Line(text, m.Index)}"))));
    }

    /// <summary>The ErrorInfo metadata keys written by the call: <c>["key"] =</c> or <c>[Constant] =</c>.</summary>
    private static List<string> MetadataKeys(string call, string path, IReadOnlyDictionary<string, string> files)
    {
        var statement = call[..(EndOfStatement().Match(call) is { Success: true } end ? end.Index : call.Length)];
        return [.. MetadataKey().Matches(statement).Select(m => m.Groups["key"].Success
            ? m.Groups["key"].Value
            : Constant(m.Groups["constant"].Value).Match(files[path]) is { Success: true } c ? c.Groups[1].Value : m.Value)];
    }

    private static int Line(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    private static Regex Constant(string name) => new($@"\bconst\s+string\s+{name}\s*=\s*""([^""]*)""");

    /// <summary>NodeException.NotFound(reason, ...): the factory is named for its status code.</summary>
    [GeneratedRegex(@"\bNodeException\.(?<factory>[A-Z]\w*)\(\s*(?<reason>[^,()]+?)\s*,")]
    private static partial Regex Factory();

    /// <summary>new NodeException(StatusCode.X, reason, ...), also qualified or target-typed.</summary>
    [GeneratedRegex(@"\bnew(?:\s+(?:\w+\.)*NodeException)?\(\s*(?:\w+\.)*StatusCode\.(?<code>\w+)\s*,\s*(?<reason>[^,()]+?)\s*,")]
    private static partial Regex Constructor();

    [GeneratedRegex(@"^""([A-Z][A-Z0-9_]*)""$")]
    private static partial Regex Literal();

    [GeneratedRegex(@"^[a-z_]\w*$")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"\[\s*(?:""(?<key>[a-z_]+)""|(?<constant>[A-Z]\w*))\s*\]\s*=")]
    private static partial Regex MetadataKey();

    /// <summary>A line that ends a statement or a switch arm: the call's text ends there.</summary>
    [GeneratedRegex(@"(?:;|\),)\s*\r?\n")]
    private static partial Regex EndOfStatement();
}

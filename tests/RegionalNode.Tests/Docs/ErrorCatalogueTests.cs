using System.Text.RegularExpressions;
using Grpc.Core;
using Regional.Node.Errors;
using Regional.Node.Tests.Support;

namespace Regional.Node.Tests.Docs;

/// <summary>
/// docs/errors.md is the integrators' catalogue of ErrorInfo reasons: every reason the node's sources
/// throw (<see cref="ReasonSites"/>) has a row with every status code it is thrown with, the HTTP status
/// of that code, and the metadata keys written with it; and every row names a reason something throws.
/// </summary>
[TestFixture]
public sealed partial class ErrorCatalogueTests
{
    /// <summary>The google.rpc code to HTTP status mapping JSON transcoding uses (google/rpc/code.proto).</summary>
    private static readonly Dictionary<StatusCode, int> HttpStatus = new()
    {
        [StatusCode.Cancelled] = 499, [StatusCode.Unknown] = 500, [StatusCode.InvalidArgument] = 400,
        [StatusCode.DeadlineExceeded] = 504, [StatusCode.NotFound] = 404, [StatusCode.AlreadyExists] = 409,
        [StatusCode.PermissionDenied] = 403, [StatusCode.ResourceExhausted] = 429, [StatusCode.FailedPrecondition] = 400,
        [StatusCode.Aborted] = 409, [StatusCode.OutOfRange] = 400, [StatusCode.Unimplemented] = 501,
        [StatusCode.Internal] = 500, [StatusCode.Unavailable] = 503, [StatusCode.DataLoss] = 500,
        [StatusCode.Unauthenticated] = 401,
    };

    /// <summary>Reasons whose HTTP status departs from <see cref="HttpStatus"/>, as docs/errors.md's "HTTP" says.</summary>
    private static readonly Dictionary<string, int> HttpExceptions = new(StringComparer.Ordinal)
    {
        ["REQUEST_TOO_LARGE"] = 413,
    };

    private static readonly (List<ReasonSite> Sites, List<string> Unresolved) Thrown = ReasonSites.Read(Repository.Root);

    private static readonly Dictionary<string, Row> Documented = ReadTable();

    [Test]
    public void Sources_EveryReason_CanBeTold()
    {
        // Assert
        Assert.That(Thrown.Sites, Has.Count.GreaterThan(50), "the node's throw sites were not found");
        Assert.That(Thrown.Unresolved, Is.Empty, "NodeExceptions whose reason the catalogue test cannot read: "
            + "pass a literal or a constant, or teach tests/RegionalNode.Tests/Docs/ReasonSites.cs the new form\n  "
            + string.Join("\n  ", Thrown.Unresolved));
    }

    [Test]
    public void Catalogue_EveryThrownReason_HasARowWithItsCodesAndMetadata()
    {
        // Act
        var missing = Thrown.Sites.Where(s => !Documented.ContainsKey(s.Reason))
            .Select(s => $"{s.Reason} ({RowErrors.CodeName(s.Code)}), thrown at {s.Place}");
        var wrongCode = Thrown.Sites.Where(s => Documented.TryGetValue(s.Reason, out var row) && !row.Codes.Contains(s.Code))
            .Select(s => $"{s.Reason}: thrown as {RowErrors.CodeName(s.Code)} at {s.Place}; the row says {string.Join(", ", Documented[s.Reason].Codes.Select(RowErrors.CodeName))}");
        var wrongMetadata = Thrown.Sites.Where(s => Documented.ContainsKey(s.Reason))
            .SelectMany(s => s.MetadataKeys.Where(k => !Documented[s.Reason].Metadata.Contains(k))
                .Select(k => $"{s.Reason}: metadata key `{k}` written at {s.Place} is not in the row"));

        // Assert
        Assert.That(missing.Concat(wrongCode).Concat(wrongMetadata).Distinct().ToList(), Is.Empty,
            "docs/errors.md must list every reason the node throws, with its codes and metadata keys");
    }

    [Test]
    public void Catalogue_EveryRow_IsThrownWithEachCodeItNames()
    {
        // Act
        var unthrown = Documented.Values.SelectMany(row => row.Codes
            .Where(code => !Thrown.Sites.Any(s => s.Reason == row.Reason && s.Code == code))
            .Select(code => Thrown.Sites.Any(s => s.Reason == row.Reason)
                ? $"{row.Reason}: nothing throws it as {RowErrors.CodeName(code)}"
                : $"{row.Reason}: nothing in src/RegionalNode throws it"));

        // Assert
        Assert.That(Documented, Is.Not.Empty);
        Assert.That(unthrown.Distinct().ToList(), Is.Empty, "docs/errors.md lists reasons or codes nothing throws");
    }

    [Test]
    public void Catalogue_EveryRow_GivesTheHttpStatusOfItsCodes()
    {
        // Act
        var wrong = Documented.Values
            .Where(row => !row.Http.SequenceEqual(Want(row)))
            .Select(row => $"{row.Reason}: HTTP {string.Join(", ", row.Http)}, want {string.Join(", ", Want(row))}");

        // Assert
        Assert.That(wrong.ToList(), Is.Empty);

        static IEnumerable<int> Want(Row row) => HttpExceptions.TryGetValue(row.Reason, out var http) ? [http] : row.Codes.Select(c => HttpStatus[c]);
    }

    [TestCase("throw NodeException.NotFound(\"UNKNOWN_LOG\", $\"origin: got '{o}'\");", "UNKNOWN_LOG", StatusCode.NotFound)]
    [TestCase("throw NodeException.Unavailable(\n    \"MIRROR_BEHIND\",\n    $\"{id}: retry shortly\");", "MIRROR_BEHIND", StatusCode.Unavailable)]
    [TestCase("const string Reason = \"READ_ONLY_MIRROR\";\nreturn NodeException.FailedPrecondition(Reason, \"m\");", "READ_ONLY_MIRROR", StatusCode.FailedPrecondition)]
    [TestCase("throw new Errors.NodeException(Grpc.Core.StatusCode.InvalidArgument, \"ENTRY_TOO_LARGE\", \"m\");", "ENTRY_TOO_LARGE", StatusCode.InvalidArgument)]
    [TestCase("static NodeException Busy(string m) => new(Grpc.Core.StatusCode.ResourceExhausted, \"LEDGER_BUSY\", m);", "LEDGER_BUSY", StatusCode.ResourceExhausted)]
    [TestCase("throw Denied(\"NOT_SHARED\", \"m\");\nstatic NodeException Denied(string reason, string message) => NodeException.PermissionDenied(reason, message);", "NOT_SHARED", StatusCode.PermissionDenied)]
    public void Find_ThrowSite_GivesReasonCodeAndLine(string source, string reason, StatusCode code)
    {
        // Act
        var (sites, unresolved) = ReasonSites.Find(new Dictionary<string, string> { ["src/X.cs"] = source }, _ => null);

        // Assert
        Assert.That(unresolved, Is.Empty);
        Assert.That(sites.Select(s => (s.Reason, s.Code)), Is.EqualTo(new[] { (reason, code) }));
        Assert.That(sites[0].Place, Does.StartWith("src/X.cs:"));
    }

    [Test]
    public void Find_DynamicReasonOrLiteral_GivesEveryValue()
    {
        // Arrange
        const string source = "throw NodeException.Unauthenticated(caller.Problem ?? \"NO_IDENTITY\", \"m\");";

        // Act
        var (sites, unresolved) = ReasonSites.Find(new Dictionary<string, string> { ["src/X.cs"] = source },
            expression => expression == "caller.Problem" ? ["MALFORMED_IDENTITY", "DEPARTMENT_OUTSIDE_REGION"] : null);

        // Assert
        Assert.That(unresolved, Is.Empty);
        Assert.That(sites.Select(s => s.Reason), Is.EquivalentTo(new[] { "MALFORMED_IDENTITY", "DEPARTMENT_OUTSIDE_REGION", "NO_IDENTITY" }));
    }

    [TestCase("throw NodeException.NotFound(reason, \"m\");")]
    [TestCase("throw NodeException.Unauthenticated(caller.Problem, \"m\");")]
    [TestCase("throw NodeException.NotFound(\"not_found\", \"m\");")]
    [TestCase("throw NodeException.NotFound(Reasons.Missing, \"m\");")]
    [TestCase("throw NodeException.Teapot(\"TEA\", \"m\");")]
    public void Find_ReasonItCannotRead_IsUnresolvedWithItsPlace(string source)
    {
        // Act
        var (sites, unresolved) = ReasonSites.Find(new Dictionary<string, string> { ["src/X.cs"] = "\n" + source }, _ => null);

        // Assert
        Assert.That(sites, Is.Empty);
        Assert.That(unresolved, Has.Count.EqualTo(1).And.All.StartWith("src/X.cs:2:"));
    }

    [Test]
    public void Find_MetadataDictionary_GivesItsKeys()
    {
        // Arrange
        const string source = """
            public const string SizeKey = "witness_size";
            throw NodeException.FailedPrecondition("SIZE", "old_size: got 1; want 2",
                new Dictionary<string, string> { [SizeKey] = "2", ["region"] = "bj" });
            throw NodeException.NotFound("OTHER", "m");
            """;

        // Act
        var (sites, _) = ReasonSites.Find(new Dictionary<string, string> { ["src/X.cs"] = source }, _ => null);

        // Assert
        Assert.That(sites[0].MetadataKeys, Is.EqualTo(new[] { "witness_size", "region" }));
        Assert.That(sites[1].MetadataKeys, Is.Empty);
    }

    private static Dictionary<string, Row> ReadTable()
    {
        var path = Path.Combine(Repository.Root, "docs", "errors.md");
        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var match = ReasonRow().Match(line);
            if (!match.Success)
            {
                continue;
            }
            var cells = line.Trim()[1..^1].Split('|').Select(c => c.Trim()).ToArray();
            Assert.That(cells, Has.Length.EqualTo(6), $"docs/errors.md: want 6 cells in: {line}");
            var codes = Quoted().Matches(cells[1]).Select(m => Code(m.Groups[1].Value, line)).ToList();
            var http = Number().Matches(cells[2]).Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var metadata = Quoted().Matches(cells[5]).Select(m => m.Groups[1].Value).ToList();
            Assert.That(cells[3], Is.Not.Empty, $"docs/errors.md: say what {match.Groups[1].Value} means");
            Assert.That(cells[4], Is.Not.Empty, $"docs/errors.md: say whether to retry {match.Groups[1].Value}");
            Assert.That(rows.TryAdd(match.Groups[1].Value, new Row(match.Groups[1].Value, codes, http, metadata)), Is.True, $"twice: {line}");
        }
        return rows;
    }

    /// <summary>The status code named as the specification spells it ("FAILED_PRECONDITION").</summary>
    private static StatusCode Code(string name, string line)
    {
        var code = Enum.GetValues<StatusCode>().Where(c => RowErrors.CodeName(c) == name).ToList();
        Assert.That(code, Has.Count.EqualTo(1), $"docs/errors.md: '{name}' is no gRPC code, in: {line}");
        return code[0];
    }

    [GeneratedRegex(@"^\| `([A-Z][A-Z0-9_]*)` \|")]
    private static partial Regex ReasonRow();

    [GeneratedRegex(@"`([A-Za-z_]+)`")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\b\d{3}\b")]
    private static partial Regex Number();

    private sealed record Row(string Reason, IReadOnlyList<StatusCode> Codes, IReadOnlyList<int> Http, IReadOnlyList<string> Metadata);
}

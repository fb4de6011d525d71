using System.Text.RegularExpressions;
using Regional.Node.Tests.Support;

namespace Regional.Node.Tests.Architecture;

/// <summary>
/// The storage seam (docs/storage.md, "Storage seam"): outside src/RegionalNode/Storage/ no source file
/// names the SQLite provider or its types, makes or runs a command (not even through ADO.NET's base types),
/// or holds SQL text, so a second engine plugs in behind the Storage interfaces without touching the
/// domain. The files are read as text.
/// </summary>
[TestFixture]
public sealed partial class StorageSeamTests
{
    [Test]
    public void NodeSources_OutsideStorage_NameNoSqliteTypeCommandOrSql()
    {
        // Arrange
        var node = Path.Combine(Repository.Root, "src", "RegionalNode");
        var files = Directory.GetFiles(node, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repository.Root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.StartsWith("src/RegionalNode/Storage/", StringComparison.Ordinal)
                && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .ToList();

        // Act
        var violations = files.SelectMany(f => Violations(f, File.ReadAllText(Path.Combine(Repository.Root, f)))).ToList();

        // Assert
        Assert.That(files, Has.Count.GreaterThan(100), "the node's sources were not found");
        Assert.That(violations, Is.Empty,
            "storage belongs behind the interfaces of src/RegionalNode/Storage/ (IStoreSession and the feature stores); move these there:\n  "
            + string.Join("\n  ", violations));
    }

    [TestCase("using Microsoft.Data.Sqlite;", "Microsoft.Data.Sqlite")]
    [TestCase("    private static void Save(SqliteConnection connection)", "SqliteConnection")]
    [TestCase("    catch (Microsoft.Data.Sqlite.SqliteException)", "Microsoft.Data.Sqlite")]
    [TestCase("        command.CommandText = sql;", "CommandText")]
    [TestCase("    public static int Count(System.Data.Common.DbConnection connection) => (int)connection.CreateCommand().ExecuteScalar()!;", "DbConnection")]
    [TestCase("        Execute(connection, \"BEGIN IMMEDIATE\");", "BEGIN")]
    [TestCase("        var sql = $\"SELECT entry FROM entries WHERE log_id = {id}\";", "SELECT")]
    [TestCase("        Run(\"\"\"\n            INSERT INTO alarms (kind) VALUES ($kind)\n            \"\"\");", "INSERT")]
    [TestCase("        Run(\"ROLLBACK TO step; RELEASE step\");", "ROLLBACK")]
    public void Violations_SqliteTypeCommandOrSql_NamedWithFileAndLine(string source, string named)
    {
        // Act
        var violations = Violations("src/RegionalNode/Ledger/Example.cs", "namespace X;\n" + source).ToList();

        // Assert
        Assert.That(violations, Is.Not.Empty);
        Assert.That(violations[0], Does.StartWith("src/RegionalNode/Ledger/Example.cs:").And.Contain($"'{named}'"));
    }

    [TestCase("        throw NodeException.Unavailable(\"BLOCK_NOT_SEALED\", \"the ledger could not commit the block\");")]
    [TestCase("/// <summary>One SQLite transaction per block: BEGIN IMMEDIATE ... COMMIT, see \"Crash safety\".</summary>")]
    [TestCase("        using var session = database.Open(); // the SQLite file, via IStoreSession")]
    [TestCase("        var status = \"SELECTED_BY_POLICY\"; var detail = \"update the trust file, then select a peer\";")]
    public void Violations_DomainCode_None(string source)
    {
        Assert.That(Violations("src/RegionalNode/Ledger/Example.cs", source), Is.Empty);
    }

    /// <summary>Each line of <paramref name="text"/> that names the SQLite provider or one of its types, sets
    /// a command's text, or holds an SQL keyword inside a string literal (a one-line, verbatim, interpolated
    /// or raw string), as "path:line: what: the line".</summary>
    private static IEnumerable<string> Violations(string path, string text)
    {
        var lines = text.Split('\n');
        var inRawString = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var named = SqliteName().Match(line);
            if (named.Success)
            {
                yield return $"{path}:{i + 1}: names '{named.Value}' (the database provider's API): {line.Trim()}";
                continue;
            }
            var strings = StringContents(line, ref inRawString);
            var keyword = strings.Select(s => SqlKeyword().Match(s)).FirstOrDefault(m => m.Success);
            if (keyword is not null)
            {
                yield return $"{path}:{i + 1}: SQL '{keyword.Value}' in a string: {line.Trim()}";
            }
        }
    }

    /// <summary>The text of the line that is inside string literals; a raw string (""") may span lines.</summary>
    private static List<string> StringContents(string line, ref bool inRawString)
    {
        var contents = new List<string>();
        var rest = line;
        while (true)
        {
            if (inRawString)
            {
                var end = rest.IndexOf("\"\"\"", StringComparison.Ordinal);
                contents.Add(end < 0 ? rest : rest[..end]);
                if (end < 0)
                {
                    return contents;
                }
                inRawString = false;
                rest = rest[(end + 3)..];
                continue;
            }
            if (rest.TrimStart().StartsWith("//", StringComparison.Ordinal))
            {
                return contents; // a comment: its quotes are prose
            }
            var start = rest.IndexOf("\"\"\"", StringComparison.Ordinal);
            var code = start < 0 ? rest : rest[..start];
            contents.AddRange(OneLineString().Matches(code).Select(m => m.Value));
            if (start < 0)
            {
                return contents;
            }
            inRawString = true;
            rest = rest[(start + 3)..];
        }
    }

    /// <summary>The provider's namespace, any of its types (SqliteConnection, SqliteCommand, SqliteException...),
    /// and the ADO.NET connection and command API. "SQLite", the engine's name in prose, is not a type;
    /// DbException, which every engine's failures derive from, is allowed (docs/storage.md).</summary>
    [GeneratedRegex(@"Microsoft\.Data\.Sqlite|\bSqlite\w*|\bCommandText\b|\bCreateCommand\b|\bExecute(?:Reader|NonQuery|Scalar)\b|\bDb(?:Connection|Command|DataReader|Transaction|Parameter)\b")]
    private static partial Regex SqliteName();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex OneLineString();

    /// <summary>SQL statement keywords as written in SQL (upper case, standing alone: a code like
    /// "SELECTED_BY_POLICY" is none).</summary>
    [GeneratedRegex(@"(?<![\w$])(?:SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|VALUES|WHERE)(?![\w])")]
    private static partial Regex SqlKeyword();
}

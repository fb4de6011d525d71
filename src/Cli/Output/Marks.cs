using Regional.V1;
using Spectre.Console;

namespace Regional.Cli.Output;

/// <summary>A piece of text in a style. From a string it is plain, with <see cref="SafeText"/> showing its
/// control characters; it is drawn with Spectre's non-markup APIs, so a value from a file or a node is
/// never read as markup.</summary>
internal readonly record struct Mark(string Text, Style Style)
{
    public static implicit operator Mark(string? text) => new(SafeText.Escape(text), Style.Plain);

    public Text ToText() => new(Text, Style);
}

/// <summary>The CLI's words in colour, and the ways to draw them: a line of pieces, a table's rows, name/value
/// pairs. Colour appears only where the console has it (<see cref="Terminal"/>).</summary>
internal static class Marks
{
    public static Mark Green(string? text) => Paint(text, new Style(Color.Green));

    public static Mark Red(string? text) => Paint(text, new Style(Color.Red));

    public static Mark Yellow(string? text) => Paint(text, new Style(Color.Yellow));

    public static Mark Bold(string? text) => Paint(text, new Style(decoration: Decoration.Bold));

    public static Mark Dim(string? text) => Paint(text, new Style(decoration: Decoration.Dim));

    /// <summary>A verification status in its colour: VALID green, REVOKED and MISMATCH red, others yellow.</summary>
    public static Mark Status(VerificationStatus status) => status switch
    {
        VerificationStatus.Valid => Green(Names.Of(status)),
        VerificationStatus.Revoked or VerificationStatus.Mismatch => Red(Names.Of(status)),
        _ => Yellow(Names.Of(status)),
    };

    public static Mark Status(LicenseStatus status) => status switch
    {
        LicenseStatus.Active => Green(Names.Of(status)),
        LicenseStatus.Revoked => Red(Names.Of(status)),
        _ => Yellow(Names.Of(status)),
    };

    /// <summary>Writes the pieces as one line.</summary>
    public static void Say(this IAnsiConsole console, params Mark[] pieces)
    {
        console.Write(Line(pieces));
        console.WriteLine();
    }

    /// <summary>The pieces as one paragraph.</summary>
    public static Paragraph Line(params Mark[] pieces)
    {
        var line = new Paragraph();
        foreach (var piece in pieces)
        {
            line.Append(piece.Text, piece.Style);
        }
        return line;
    }

    /// <summary>A table in the CLI's plain look: no borders, bold headers, two spaces between columns, so
    /// each row is one line that starts with its first cell (for grep and awk as much as for people).</summary>
    public static Table Table(params string[] headers)
    {
        var table = new Table().Border(TableBorder.None);
        for (var i = 0; i < headers.Length; i++)
        {
            table.AddColumn(new TableColumn(Bold(headers[i]).ToText()).Padding(0, 0, i < headers.Length - 1 ? 2 : 0, 0));
        }
        return table;
    }

    public static Table Row(this Table table, params Mark[] cells) => table.AddRow(cells.Select(c => c.ToText()));

    /// <summary>Two-column "name  value" lines for one record.</summary>
    public static void Pairs(this IAnsiConsole console, params (string Name, Mark Value)[] pairs)
    {
        var grid = new Grid().AddColumn(new GridColumn().PadRight(2)).AddColumn(new GridColumn().PadRight(0));
        foreach (var (name, value) in pairs)
        {
            grid.AddRow(new Text(name), value.ToText());
        }
        console.Write(grid);
    }

    private static Mark Paint(string? text, Style style) => new(SafeText.Escape(text), style);
}

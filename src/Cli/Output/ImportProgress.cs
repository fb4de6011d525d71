using Spectre.Console;
using Spectre.Console.Rendering;

namespace Regional.Cli.Output;

/// <summary>The progress of `license import` on stderr, drawn by Spectre: a bar, rows done of all, rows
/// rejected, the rate in rows a second and the time left. Only on a terminal (also under NO_COLOR) and
/// not with --json; elsewhere the import runs without it.</summary>
internal static class ImportProgress
{
    public static async Task<T> RunAsync<T>(CliConsole console, bool show, int total, Func<Action<int, int>, Task<T>> work)
    {
        if (!show || !console.ErrorIsTerminal)
        {
            return await work((_, _) => { });
        }
        return await console.ErrorScreen().Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new RowsColumn(), new RateColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("importing", maxValue: Math.Max(1, total));
                return await work((done, rejected) =>
                {
                    task.Value = done + rejected;
                    task.Description = $"importing, {rejected} rejected";
                });
            });
    }

    /// <summary>"120/4000".</summary>
    private sealed class RowsColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(FormattableString.Invariant($"{task.Value:0}/{task.MaxValue:0}"));
    }

    /// <summary>"350 rows/s".</summary>
    private sealed class RateColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(FormattableString.Invariant($"{task.Speed ?? 0:0} rows/s"));
    }
}

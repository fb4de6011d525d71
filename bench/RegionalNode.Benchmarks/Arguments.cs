using System.Globalization;

namespace Regional.Node.Benchmarks;

/// <summary>"--name value" pairs after the subcommand, or a bare "--flag" (value "true"); every value has a default.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public Arguments(string[] args)
    {
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new BenchmarkException($"argument '{args[i]}': want --name value or --flag");
            }
            var flag = i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal);
            _values[args[i][2..]] = flag ? "true" : args[++i];
        }
    }

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public string? Text(string name) => _values.GetValueOrDefault(name);

    public bool Flag(string name) => _values.TryGetValue(name, out var text) && text == "true";

    public TimeSpan Seconds(string name, int fallback) => TimeSpan.FromSeconds(Int(name, fallback));

    /// <summary>Node settings chosen on the command line, as the node's own switches.</summary>
    public IReadOnlyList<string> NodeSettings()
    {
        var settings = new List<string>();
        if (Text("max-block-entries") is { } entries)
        {
            settings.Add($"--Node:MaxBlockEntries={entries}");
        }
        if (Text("max-concurrent-calls") is { } calls)
        {
            settings.Add($"--Node:MaxConcurrentCalls={calls}");
        }
        return settings;
    }
}

/// <summary>A run that cannot go on (the node did not start, calls failed): reported, exit code 1.</summary>
internal sealed class BenchmarkException(string message) : Exception(message);

namespace Regional.Node.Operations;

/// <summary>The options of an operator command (<c>--name value</c> pairs and bare <c>--flag</c>s),
/// checked against the names the command knows so a typo is an error, not a silent default.</summary>
internal sealed class OperatorArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private OperatorArgs()
    {
    }

    /// <summary>Parses args; <paramref name="error"/> says what is wrong (unknown or repeated option, missing value).</summary>
    public static OperatorArgs? Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> options, IReadOnlyCollection<string> flags, out string? error)
    {
        var parsed = new OperatorArgs();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (flags.Contains(name))
            {
                parsed._flags.Add(name);
            }
            else if (!options.Contains(name))
            {
                error = $"{name}: unknown option; want {string.Join(", ", options.Concat(flags))}";
            }
            else if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                error = $"{name}: missing value";
            }
            else if (!parsed._values.TryAdd(name, args[++i]))
            {
                error = $"{name}: given twice";
            }
            if (error is not null)
            {
                return null;
            }
        }
        return parsed;
    }

    public string? this[string name] => _values.GetValueOrDefault(name);

    public bool Has(string flag) => _flags.Contains(flag);

    /// <summary>Writes an error and the usage to stderr; returns the usage exit code (2).</summary>
    public static int Usage(string error, string usage)
    {
        Console.Error.WriteLine($"regional-node: {error}");
        Console.Error.WriteLine($"usage: {usage}");
        return ExitCodes.Usage;
    }
}

/// <summary>Exit codes of the operator commands (docs/operations.md lists them).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The operation failed or was refused; nothing was changed.</summary>
    public const int Failed = 1;
    /// <summary>Bad command line.</summary>
    public const int Usage = 2;
    /// <summary>recover: done, but a peer holds more of the log than the one recovered from.</summary>
    public const int Incomplete = 3;
}

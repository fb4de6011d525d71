using System.CommandLine;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Regional.Cli.Connection;
using Regional.Cli.Output;
using Spectre.Console;

namespace Regional.Cli;

/// <summary>One run of a command: its parsed arguments, console, cancellation and (lazily) its node
/// channel. Disposing closes the channel.</summary>
internal sealed class Invocation(ParseResult parse, CliConsole console, Func<NodeTarget, GrpcChannel> channels, CancellationToken cancel) : IDisposable
{
    private GrpcChannel? _channel;
    private NodeTarget? _target;
    private IAnsiConsole? _screen;
    private CallInvoker? _calls;

    public ParseResult Parse { get; } = parse;

    public CliConsole Console { get; } = console;

    public CancellationToken Cancel { get; } = cancel;

    public bool Json => Parse.GetValue(CommonOptions.Json);

    public bool Verbose => Parse.GetValue(CommonOptions.Verbose);

    public TextWriter Out => Console.Output;

    /// <summary>stdout for people: tables, colour (never used with --json).</summary>
    public IAnsiConsole Screen => _screen ??= Console.Screen();

    public string ClusterDirectory => Path.GetFullPath(Parse.GetValue(CommonOptions.Cluster)
        ?? Console.Environment("REGIONAL_CLUSTER") ?? "cluster");

    /// <summary>The node this invocation talks to (resolved once).</summary>
    public NodeTarget Target => _target ??= NodeTarget.Resolve(
        Parse.GetValue(CommonOptions.Node) ?? DefaultNode ?? Console.Environment("REGIONAL_NODE") ?? "bj",
        ClusterDirectory, Parse.GetValue(CommonOptions.As), DefaultClient);

    /// <summary>A command's own default node when --node is not given (before $REGIONAL_NODE); set before the first call.</summary>
    public string? DefaultNode { get; set; }

    /// <summary>A command's own default certificate by region when --as is not given; set before the first call.</summary>
    public Func<string?, string>? DefaultClient { get; set; }

    /// <summary>The calls to <see cref="Target"/>, each with its deadline and, where safe, its retries (<see cref="CallPolicy"/>).</summary>
    public CallInvoker Calls => _calls ??= (_channel ??= channels(Target)).Intercept(new CallPolicy(Timeout, text =>
    {
        if (Verbose)
        {
            Console.Error.WriteLine(text);
        }
    }));

    /// <summary>--timeout, when given: how long each call may take, its retries included.</summary>
    public TimeSpan? Timeout => Parse.GetValue(CommonOptions.Timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

    /// <summary>A channel to another node than <see cref="Target"/>; the caller disposes it.</summary>
    public GrpcChannel OpenChannel(NodeTarget target) => channels(target);

    public T Value<T>(Option<T> option) => Parse.GetValue(option)!;

    public T Value<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    /// <summary>Writes a protobuf message as JSON (for --json).</summary>
    public void WriteJson(Google.Protobuf.IMessage message) => Out.WriteLine(JsonOutput.Format(message));

    /// <summary>Writes any other value as JSON (for --json), camelCase.</summary>
    public void WriteJson(object value) => Out.WriteLine(JsonOutput.Serialize(value));

    /// <summary>A hint for people on stderr; never printed with --json.</summary>
    public void Hint(string text)
    {
        if (!Json)
        {
            Console.Error.WriteLine(text);
        }
    }

    public void Dispose() => _channel?.Dispose();
}

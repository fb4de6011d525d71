using Regional.Node.Hosting;
using Microsoft.Extensions.Options;
using Regional.Node.Configuration;
using Regional.Node.Errors;

// The gRPC host of one region (see Hosting/NodeApp.cs for the wiring):
//   configuration   appsettings.json < REGIONAL_* environment < command line (--region bj --listen ...)
//   options         Configuration/NodeOptions.cs, validated once at start
//   transport       Kestrel, TLS (configured or generated development certificate): gRPC over HTTP/2, and
//                   HTTP/JSON over HTTP/1.1 or HTTP/2 (Http/, docs/integrating.md)
//   security        Security/: the region's signing key, TLS material
//   errors          Errors/: NodeException -> google.rpc.Status, one interceptor
//   endpoints       gRPC health, reflection, then the region's services
// Operator commands (backup, restore, recover, rotate-key): run and exit, no node started. See
// docs/operations.md and docs/federation.md (key rotation).
if (Regional.Node.Operations.OperatorCli.Handles(args))
{
    // backup, restore, recover, rotate-key (Operations/OperatorCli.cs), or --help for all of them.
    return await Regional.Node.Operations.OperatorCli.RunAsync(args, Console.Out, Console.Error);
}

try
{
    await NodeApp.RunAsync(args);
    return 0;
}
catch (Exception ex) when (ex is OptionsValidationException or NodeStartupException)
{
    await Console.Error.WriteLineAsync($"regional-node: cannot start: {ex.Message}");
    return 2;
}

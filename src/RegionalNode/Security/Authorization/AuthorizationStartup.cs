using Microsoft.Extensions.Options;
using Regional.Node.Hosting;

namespace Regional.Node.Security.Authorization;

/// <summary>Says at start whether calls are authorised by client certificate, and warns when they are not.</summary>
internal sealed partial class AuthorizationStartup(IOptions<NodeOptions> options, ILogger<AuthorizationStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.Value.CaCertificatePath))
        {
            LogOpen();
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No federation CA (Node:CaCertificatePath): callers have no identities and every RPC is open to anyone who can connect; development only")]
    private partial void LogOpen();
}

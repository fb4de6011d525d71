using Microsoft.Extensions.Options;
using Regional.Node.Configuration;

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

    [LoggerMessage(Level = LogLevel.Critical, Message = "DEVELOPMENT OPEN ACCESS (--development-open-access): no federation CA (Node:CaCertificatePath), so callers have no identities and every RPC, download and consent is open to anyone who can connect. Never run a node holding real licences like this")]
    private partial void LogOpen();
}

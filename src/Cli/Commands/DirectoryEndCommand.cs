using System.CommandLine;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>`regional directory refuse|revoke APPLICATION_ID --reason TEXT`: the owning department refuses a
/// pending application, or revokes an approval in force. Two verbs in one file: they differ in one call.</summary>
internal static class DirectoryEndCommand
{
    private static readonly Argument<string> Id = DirectoryOptions.ApplicationId();
    private static readonly Option<string> Reason = DirectoryOptions.Reason("Why (recorded on the ledger: no personal data).");
    private static readonly Option<string?> RequestId = LicenseOptions.RequestId();

    public static Command Refuse(CommandRunner runner) => Create(runner, "refuse", """
        Refuse a pending application, as an issuer of the department that owns the type, at the owning region's node.
        Example: regional directory refuse ap-0123456789abcdef01234567 --as bj-natural-resources-issuer --reason 非本事项所需
        """, revoke: false);

    public static Command Revoke(CommandRunner runner) => Create(runner, "revoke", """
        Revoke an approval in force, as an issuer of the department that owns the type: every access under it,
        relayed ones included, is refused from then on (APPROVAL_REVOKED).
        Example: regional directory revoke ap-0123456789abcdef01234567 --as bj-natural-resources-issuer --reason 协议终止
        """, revoke: true);

    private static Command Create(CommandRunner runner, string name, string help, bool revoke)
    {
        var command = new Command(name, help) { Id, Reason, RequestId };
        runner.Bind(command, invocation => RunAsync(invocation, revoke));
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation, bool revoke)
    {
        var (id, reason, requestId) = (invocation.Value(Id), invocation.Value(Reason), LicenseOptions.RequestIdOf(invocation, RequestId));
        var client = DirectoryOptions.Client(invocation);
        if (revoke)
        {
            var revoked = await client.RevokeApprovalAsync(new() { ApplicationId = id, Reason = reason, RequestId = requestId }, cancellationToken: invocation.Cancel);
            return DirectoryOptions.Write(invocation, revoked, revoked.Application, revoked.Receipt, quiet: false);
        }
        var refused = await client.RefuseApplicationAsync(new() { ApplicationId = id, Reason = reason, RequestId = requestId }, cancellationToken: invocation.Cancel);
        return DirectoryOptions.Write(invocation, refused, refused.Application, refused.Receipt, quiet: false);
    }
}

using Grpc.Core;
using Regional.Cli.Commands;
using Regional.V1;

namespace Regional.Cli.Import;

/// <summary>What an import came to: the licence of each issued line, and why each other line was not.</summary>
internal sealed record ImportOutcome(List<(int Line, string LicenseId)> Issued, List<(int Line, string Error, StatusCode Code)> Failed);

/// <summary>
/// One ImportLicenses call for the rows of a file: sends them, each numbered by its line, while it reads
/// their results (which may come in any order), with at most <c>window</c> rows sent and not yet answered.
/// A row without a department gets its type's owner, looked up once per type, and then, without a request id,
/// one from its content. When the call itself fails
/// (not allowed, node gone, cancelled), every row still unanswered fails with the call's error.
/// </summary>
internal static class ImportCall
{
    public static async Task<ImportOutcome> RunAsync(Invocation invocation, IReadOnlyList<ImportRow> rows, int window, Action<int, int> progress)
    {
        var outcome = new ImportOutcome([], []);
        var answered = new HashSet<int>();
        using var room = new SemaphoreSlim(window);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(invocation.Cancel);
        using var call = LicenseOptions.Client(invocation).ImportLicenses(cancellationToken: stop.Token);
        var sending = SendAsync(invocation, call.RequestStream, rows, room, stop);
        try
        {
            await foreach (var result in call.ResponseStream.ReadAllAsync(stop.Token))
            {
                var line = (int)result.Row;
                answered.Add(line);
                if (result.ResultCase == ImportLicensesResponse.ResultOneofCase.Issued)
                {
                    outcome.Issued.Add((line, result.Issued.LicenseId));
                }
                else
                {
                    var error = result.Error ?? new RowError { Code = "UNKNOWN", Message = "the node sent a result without an outcome" };
                    outcome.Failed.Add((line, Line(RpcErrors.Describe(error, invocation.Target.Name)), RpcErrors.Code(error.Code)));
                }
                room.Release();
                progress(outcome.Issued.Count, outcome.Failed.Count);
            }
            if (await sending is { } unsent)
            {
                throw unsent;
            }
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException && !invocation.Cancel.IsCancellationRequested)
        {
            // The call failed, or sending did and stopped it: every row without a result fails with why.
            var unsent = sending.IsCompleted ? await sending : null;
            var cause = ex is RpcException { StatusCode: not StatusCode.Cancelled } failed ? failed
                : unsent ?? ex as RpcException ?? new RpcException(new Status(StatusCode.Cancelled, ex.Message));
            var error = Line(RpcErrors.Describe(cause, invocation.Target.Name, invocation.Timeout));
            outcome.Failed.AddRange(rows.Where(r => !answered.Contains(r.Line)).Select(r => (r.Line, error, cause.StatusCode)));
        }
        finally
        {
            await stop.CancelAsync(); // a sender still waiting for room stops
            await sending;
        }
        return outcome;
    }

    /// <summary>Sends every row, then closes the stream; waits for room before each row. Returns why sending
    /// failed, or null: the call ended (the reading side gets its status too), or a type lookup failed, which
    /// stops the call, else the node would wait for rows that never come.</summary>
    private static async Task<RpcException?> SendAsync(Invocation invocation, IClientStreamWriter<ImportLicensesRequest> requests, IReadOnlyList<ImportRow> rows,
        SemaphoreSlim room, CancellationTokenSource stop)
    {
        var owners = new Dictionary<string, LicenseType?>(StringComparer.Ordinal);
        try
        {
            foreach (var row in rows)
            {
                var request = row.Request!;
                if (request.IssuingDepartment.Length == 0)
                {
                    if (!owners.TryGetValue(request.LicenseType, out var type))
                    {
                        try
                        {
                            owners[request.LicenseType] = type = await LicenseOptions.TypeAsync(invocation, request.LicenseType);
                        }
                        catch (RpcException lookup)
                        {
                            await stop.CancelAsync();
                            return lookup;
                        }
                    }
                    request.IssuingDepartment = type?.OwningDepartment ?? "";
                }
                if (request.RequestId.Length == 0)
                {
                    request.RequestId = RequestIds.FromContent(request);
                }
                await room.WaitAsync(stop.Token);
                await requests.WriteAsync(new ImportLicensesRequest { Row = (ulong)row.Line, License = request }, stop.Token);
            }
            await requests.CompleteAsync();
            return null;
        }
        catch (RpcException ended)
        {
            return ended;
        }
        catch (OperationCanceledException)
        {
            return null; // stopped by the reader, which reports why
        }
    }

    /// <summary>The lines of an error as one line of the summary.</summary>
    private static string Line(IEnumerable<string> lines) => string.Join("; ", lines.Select(l => l.Trim()));
}

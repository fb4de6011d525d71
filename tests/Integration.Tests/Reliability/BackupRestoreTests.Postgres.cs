using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Regional.Integration.Tests.Support;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Integration.Tests.Reliability;

/// <summary>
/// The same loss on PostgreSQL (docs/operations.md, "On PostgreSQL"): bj's database is dumped with pg_dump while bj
/// issues, then lost; the dump is restored with pg_restore into a new database. bj starts on it but never seals while
/// its peers hold more; `recover`, reading the node's storage settings from its environment, brings the tail back from
/// tj's mirror holding the writer lease; then every acknowledged licence is in bj's log again at the size and root the
/// mirrors hold, no alarm anywhere, and the log goes on. The node's own `backup` refuses, pointing at PostgreSQL's tools.
/// </summary>
public partial class BackupRestoreTests
{
    [Test]
    [CancelAfter(240_000)]
    public async Task OnPostgres_PgDumpWhileIssuing_PgRestoreIntoANewDatabase_RecoverFromTj_EveryAcknowledgedLicenceBackAndNoFork()
    {
        // Arrange: bj on PostgreSQL; licences before, during and after a pg_dump; the mirrors hold them all.
        var database = TestPostgres.CreateDatabase();
        var restoredDatabase = TestPostgres.CreateDatabase();
        var current = database;
        try
        {
            await using var federation = await TestFederation.StartAsync((region, builder) =>
            {
                if (region == "bj")
                {
                    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Engine"] = "postgres", ["Storage:ConnectionString"] = current });
                }
            }, witnessQuorum: 1);
            var bj = federation["bj"];
            var dump = Path.Combine(federation.Folder, "bj.dump");
            var before = await IssueAsync(new NodeClient(bj.Channel, "bj"), BeforeBackup);
            using var stopIssuing = new CancellationTokenSource();
            var issuingDuring = IssueUntilAsync(new NodeClient(bj.Channel, "bj"), stopIssuing.Token);
            var dumped = TestPostgres.Tool("pg_dump", database, "--format=custom", "--file", dump);
            await stopIssuing.CancelAsync();
            var during = await issuingDuring;
            Assert.That(dumped.Exit, Is.EqualTo(0), dumped.Output);
            var refusedBackup = await NodeCommand.RunAsync(Postgres(database), "backup", "--data", bj.DataDirectory, "--to", Path.Combine(federation.Folder, "backup-bj"));
            var after = await IssueAsync(new NodeClient(bj.Channel, "bj"), AfterBackup);
            var lost = (await new NodeClient(bj.Channel, "bj").StatusAsync()).OwnLog;
            await MirrorsReachAsync(federation, lost.TreeSize);

            // Act 1: the database is lost; the dump is restored into a new one, and bj started on it: it reads but never seals.
            await bj.StopAsync();
            TestPostgres.DropDatabase(database);
            var restored = TestPostgres.Tool("pg_restore", restoredDatabase, "--no-owner", "--exit-on-error", dump);
            Assert.That(restored.Exit, Is.EqualTo(0), restored.Output);
            current = restoredDatabase;
            await bj.StartAsync();
            var behind = Assert.ThrowsAsync<RpcException>(new NodeClient(bj.Channel, "bj").IssueAsync);
            Assert.That(behind!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition), behind.Status.Detail);
            Assert.That(behind.Status.Detail, Does.Contain("recover"));
            await bj.StopAsync();
            NpgsqlConnection.ClearAllPools();

            // Act 2: recover the tail from tj's mirror into the restored database, start.
            var recovered = await NodeCommand.RunAsync(Postgres(restoredDatabase), "recover", "--data", bj.DataDirectory, "--from", "tj",
                "--trust", federation.TrustFilePath, "--cert", Path.Combine(bj.DataDirectory, "federation.crt"), "--key", Path.Combine(bj.DataDirectory, "federation.key"));
            Assert.That(recovered.ExitCode, Is.EqualTo(0), recovered.ToString());
            TestContext.Out.WriteLine($"{recovered.Output}licences: {before.Count} before the dump, {during.Count} during, {after.Count} after");
            await bj.StartAsync();
            var client = new NodeClient(bj.Channel, "bj");

            // Assert: the node's backup pointed at PostgreSQL's tools and wrote nothing.
            Assert.That(refusedBackup.ExitCode, Is.Not.EqualTo(0), refusedBackup.ToString());
            Assert.That(refusedBackup.Error, Does.Contain("pg_dump"));
            Assert.That(Directory.Exists(Path.Combine(federation.Folder, "backup-bj")) && Directory.EnumerateFileSystemEntries(Path.Combine(federation.Folder, "backup-bj")).Any(), Is.False);

            // Assert: the same log as before the loss, as the mirrors hold it; every licence verifies; those in the dump download.
            var own = (await client.StatusAsync()).OwnLog;
            Assert.That((own.TreeSize, own.Checkpoint.RootHash), Is.EqualTo((lost.TreeSize, lost.Checkpoint.RootHash)));
            foreach (var id in before.Concat(during).Concat(after))
            {
                var answer = await client.VerifyAsync(id);
                Assert.That(answer.Status, Is.EqualTo(VerificationStatus.Valid), $"{id}: {answer.Detail}");
            }
            await AssertDocumentsAsync(client, held: before, digestsOnly: after);
            await AssertTheLogGoesOnAsync(federation, client);
        }
        finally
        {
            TestPostgres.DropDatabase(database);
            TestPostgres.DropDatabase(restoredDatabase);
        }
    }

    /// <summary>The node's storage settings as an operator's environment gives them to its commands.</summary>
    private static Dictionary<string, string> Postgres(string connectionString) => new()
    {
        ["REGIONAL_Storage__Engine"] = "postgres",
        ["REGIONAL_Storage__ConnectionString"] = connectionString,
    };
}

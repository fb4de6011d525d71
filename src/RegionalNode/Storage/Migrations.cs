namespace Regional.Node.Storage;

/// <summary>
/// Forward-only schema migrations. Each step runs in its own transaction with the version bump,
/// so a crash mid-migration leaves the previous version intact. Never edit a shipped step: add one.
/// </summary>
internal static class Migrations
{
    /// <summary>The steps, in order; step i takes the schema from version i to i + 1.</summary>
    private static readonly string[] Steps =
    [
        // 1: logs, entries, complete-subtree hashes, blocks; licence state, documents, catalog.
        """
        CREATE TABLE logs (
            log_id      INTEGER PRIMARY KEY,
            origin      TEXT NOT NULL UNIQUE,
            region      TEXT NOT NULL,
            is_own      INTEGER NOT NULL,
            cosigned_note TEXT
        );
        CREATE TABLE entries (
            log_id      INTEGER NOT NULL REFERENCES logs(log_id),
            leaf_index  INTEGER NOT NULL,
            block_height INTEGER NOT NULL,
            entry       BLOB NOT NULL,
            leaf_hash   BLOB NOT NULL,
            PRIMARY KEY (log_id, leaf_index)
        ) WITHOUT ROWID;
        CREATE INDEX entries_by_hash ON entries (log_id, leaf_hash);
        CREATE TABLE tree_nodes (
            log_id      INTEGER NOT NULL,
            level       INTEGER NOT NULL,
            node_index  INTEGER NOT NULL,
            hash        BLOB NOT NULL,
            PRIMARY KEY (log_id, level, node_index)
        ) WITHOUT ROWID;
        CREATE TABLE blocks (
            log_id      INTEGER NOT NULL REFERENCES logs(log_id),
            height      INTEGER NOT NULL,
            header      BLOB NOT NULL,
            block_hash  BLOB NOT NULL,
            first_leaf  INTEGER NOT NULL,
            leaf_count  INTEGER NOT NULL,
            tree_size   INTEGER NOT NULL,
            root_hash   BLOB NOT NULL,
            sealed_at_ms INTEGER NOT NULL,
            checkpoint  TEXT NOT NULL,
            PRIMARY KEY (log_id, height)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX blocks_by_size ON blocks (log_id, tree_size);
        CREATE TABLE catalog (
            log_id      INTEGER NOT NULL REFERENCES logs(log_id),
            code        TEXT NOT NULL,
            owning_department TEXT NOT NULL,
            revision    INTEGER NOT NULL,
            definition  BLOB NOT NULL,
            leaf_index  INTEGER NOT NULL,
            PRIMARY KEY (log_id, code)
        ) WITHOUT ROWID;
        CREATE TABLE licenses (
            license_id  TEXT PRIMARY KEY,
            log_id      INTEGER NOT NULL REFERENCES logs(log_id),
            license_type TEXT NOT NULL,
            department  TEXT NOT NULL,
            status      INTEGER NOT NULL,
            version     INTEGER NOT NULL,
            document_leaf INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE license_events (
            license_id  TEXT NOT NULL,
            leaf_index  INTEGER NOT NULL,
            kind        TEXT NOT NULL,
            PRIMARY KEY (license_id, leaf_index)
        ) WITHOUT ROWID;
        CREATE TABLE documents (
            license_id  TEXT NOT NULL,
            version     INTEGER NOT NULL,
            sealed      BLOB NOT NULL,
            PRIMARY KEY (license_id, version)
        ) WITHOUT ROWID;
        CREATE TABLE holder_index (
            holder_key  BLOB NOT NULL,
            license_id  TEXT NOT NULL,
            PRIMARY KEY (holder_key, license_id)
        ) WITHOUT ROWID;
        CREATE TABLE requests (
            request_id  TEXT PRIMARY KEY,
            fingerprint BLOB NOT NULL,
            result      BLOB NOT NULL,
            leaf_index  INTEGER
        ) WITHOUT ROWID;
        CREATE TABLE counters (
            name        TEXT PRIMARY KEY,
            value       INTEGER NOT NULL
        ) WITHOUT ROWID;
        """,
        // 2: federation: the witness's view of other logs, cosignatures collected, mirror state, alarms.
        """
        CREATE TABLE witness_state (
            origin      TEXT PRIMARY KEY,
            tree_size   INTEGER NOT NULL,
            root_hash   BLOB NOT NULL,
            note        TEXT NOT NULL,
            updated_at_ms INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE cosignatures (
            log_id      INTEGER NOT NULL REFERENCES logs(log_id),
            tree_size   INTEGER NOT NULL,
            witness     TEXT NOT NULL,
            line        TEXT NOT NULL,
            cosigned_at_ms INTEGER NOT NULL,
            PRIMARY KEY (log_id, tree_size, witness)
        ) WITHOUT ROWID;
        CREATE TABLE mirror_state (
            log_id      INTEGER PRIMARY KEY REFERENCES logs(log_id),
            state       TEXT NOT NULL,
            detail      TEXT NOT NULL DEFAULT '',
            last_synced_ms INTEGER,
            latest_seen_size INTEGER NOT NULL DEFAULT 0,
            latest_seen_ms INTEGER
        );
        CREATE TABLE alarms (
            alarm_id    INTEGER PRIMARY KEY,
            region      TEXT NOT NULL,
            kind        TEXT NOT NULL,
            detail      TEXT NOT NULL,
            evidence_a  TEXT,
            evidence_b  TEXT,
            raised_at_ms INTEGER NOT NULL
        );
        """,
        // Consent grants of the own region's licences and what has become of them (issue 6).
        """
        CREATE TABLE consent_grants (
            grant_id    TEXT PRIMARY KEY,
            license_id  TEXT NOT NULL,
            grant_entry BLOB NOT NULL,
            leaf_index  INTEGER NOT NULL,
            withdrawn   INTEGER NOT NULL DEFAULT 0,
            uses        INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        CREATE INDEX consent_grants_by_license ON consent_grants (license_id);
        """,
        // 4: request fingerprints become keyed (Ledger/RequestFingerprint.cs). The ones stored so far are
        // plain hashes of whole requests (holder id, field values), which a copy of the database lets anyone
        // test guesses against, and they cannot be re-keyed (the requests are gone). So they are erased, with
        // secure_delete so their bytes are zeroed, not left in free space; the rows stay, so a request id used
        // before is never carried out twice: its retry is refused as a reuse (Ledger/LedgerCommand.cs).
        """
        PRAGMA secure_delete = ON;
        UPDATE requests SET fingerprint = X'';
        PRAGMA secure_delete = OFF;
        """,
        // 5: the licence status map of every log (issue 14, docs/status-proofs.md): a sparse Merkle tree whose
        // nodes are versioned by the tree size of the block that wrote them, so a proof can be read as of any
        // checkpoint. A position only ever gains nodes, so the newest version at or below a size is the node then.
        """
        CREATE TABLE status_map_nodes (
            log_id      INTEGER NOT NULL,
            position    BLOB NOT NULL,
            tree_size   INTEGER NOT NULL,
            hash        BLOB NOT NULL,
            leaf_key    BLOB,
            leaf_value  BLOB,
            PRIMARY KEY (log_id, position, tree_size)
        ) WITHOUT ROWID;
        """,
        // 6: the directory chain's sharing applications and decisions of every log (issue 20, docs/directory-chain.md).
        """
        CREATE TABLE sharing_applications (
            application_id TEXT PRIMARY KEY,
            log_id      INTEGER NOT NULL REFERENCES logs(log_id),
            license_type TEXT NOT NULL,
            applicant_department TEXT NOT NULL,
            applied     BLOB NOT NULL,
            applied_leaf INTEGER NOT NULL,
            approval    BLOB,
            refused     INTEGER NOT NULL DEFAULT 0,
            decided_leaf INTEGER,
            revoked_leaf INTEGER,
            reason      TEXT NOT NULL DEFAULT ''
        ) WITHOUT ROWID;
        CREATE INDEX sharing_applications_by_type ON sharing_applications (log_id, license_type, applicant_department);
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int Latest => Steps.Length;

    /// <summary>Brings the database to <see cref="Latest"/>; refuses a database from a newer build.</summary>
    public static int Apply(SqliteSession session) => Apply(session, Latest);

    /// <summary>Brings the database to <paramref name="target"/> (tests build the databases of earlier
    /// versions with it). After any step, the WAL is folded into the database and truncated, so no page as
    /// it was before a migration (step 4's plain fingerprints) stays behind in the WAL file.</summary>
    internal static int Apply(SqliteSession session, int target)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(target, Latest);
        session.Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        var current = CurrentVersion(session);
        if (current > Latest)
        {
            throw new InvalidOperationException(
                $"database schema version {current} is newer than this node understands ({Latest}); upgrade the node");
        }
        for (var version = current; version < target; version++)
        {
            using var write = session.BeginWrite();
            using var step = session.CreateCommand();
            step.CommandText = Steps[version] + "\nDELETE FROM schema_version;\nINSERT INTO schema_version (version) VALUES (@v);";
            step.Parameters.AddWithValue("@v", version + 1);
            step.ExecuteNonQuery();
            write.Commit();
        }
        if (current < target)
        {
            session.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        return Math.Max(current, target);
    }

    /// <summary>The schema version of the database; 0 for a new file.</summary>
    public static int CurrentVersion(SqliteSession session)
    {
        using var query = session.CreateCommand();
        query.CommandText = "SELECT version FROM schema_version";
        return query.ExecuteScalar() is long v ? (int)v : 0;
    }
}

namespace Regional.Node.Storage.Encryption;

/// <summary>
/// What in the database depends on the node's data key: documents sealed under it, the keyed holder
/// index and the keyed request fingerprints. A node creates its data key on first start; once any of
/// these exists, a missing <c>keys/data.key</c> means a lost key (a restore without its keys, a key
/// folder not mounted), and a new key would open none of the documents and match none of the index:
/// start-up must refuse and ask for the key back rather than create another.
/// </summary>
internal static class DataKeyUse
{
    /// <summary>Whether any row depends on the data key (stops at the first found: cheap on a large database).</summary>
    public static bool Any(ISqlStore store) => store.Prepared("""
            SELECT EXISTS (SELECT 1 FROM documents) OR EXISTS (SELECT 1 FROM holder_index)
                OR EXISTS (SELECT 1 FROM requests WHERE length(fingerprint) > 0)
            """).ExecuteScalar() switch
        {
            bool found => found, // PostgreSQL
            long found => found != 0, // SQLite
            _ => false,
        };
}

namespace Regional.LicenseVerifier.Merkle;

/// <summary>
/// Read access to the hashes of complete subtree nodes of one log, as kept by storage.
/// <see cref="ProofBuilder"/> asks for everything one proof needs in a single call.
/// </summary>
/// <remarks>
/// Implementations must return exactly one 32-byte hash per id, in the order asked, and may
/// throw if a node does not exist yet (a bug in the caller, which asked beyond the stored size).
/// <see cref="ProofBuilder"/> never mutates what it receives and copies every hash it hands out,
/// so an implementation may return the arrays it keeps.
/// </remarks>
public interface ITreeNodeSource
{
    /// <summary>Returns the hashes of complete subtree nodes, in the order asked.</summary>
    /// <param name="ids">The nodes to read; never more than about 2 log2(n) of them per proof.</param>
    IReadOnlyList<byte[]> GetNodes(IReadOnlyList<NodeId> ids);
}

namespace Regional.LicenseVerifier.Merkle;

/// <summary>Why a Merkle proof did not verify.</summary>
/// <remarks>The zero value is <see cref="NotChecked"/>, so a <see cref="ProofCheck"/> that nobody
/// computed (a <c>default</c>, an unset field) never reads as a proof that verified.</remarks>
public enum ProofFailure
{
    /// <summary>No proof was checked: the value of <c>default(ProofCheck)</c>, never a success.</summary>
    NotChecked = 0,

    /// <summary>The proof verified.</summary>
    None = 1,

    /// <summary>The tree sizes cannot describe a proof, e.g. a consistency proof from a larger to a smaller tree.</summary>
    InvalidSize = 2,

    /// <summary>The leaf index is not below the tree size (there is no inclusion proof in an empty tree).</summary>
    IndexOutOfRange = 3,

    /// <summary>The proof has a different number of hashes than the sizes require.</summary>
    WrongProofLength = 4,

    /// <summary>A root, leaf hash or proof hash is not <see cref="Crypto.Suite.HashSize"/> bytes long.</summary>
    BadHashLength = 5,

    /// <summary>The proof is well formed but the hashes it leads to differ from the given roots.</summary>
    RootMismatch = 6,
}

/// <summary>The outcome of verifying a Merkle proof: valid, or what failed and why.</summary>
/// <remarks>
/// <c>default(ProofCheck)</c> has <see cref="ProofFailure.NotChecked"/> and is not valid: only
/// <see cref="MerkleTree"/> (through <see cref="Valid"/>) says a proof verified.
/// </remarks>
/// <param name="Failure">What failed, <see cref="ProofFailure.None"/> when the proof verified, or
/// <see cref="ProofFailure.NotChecked"/> for a value nobody computed.</param>
/// <param name="Detail">A message for people: what was wrong and what was wanted; empty when valid.</param>
public readonly record struct ProofCheck(ProofFailure Failure, string Detail)
{
    /// <summary>True when the proof verified; false for <c>default(ProofCheck)</c>.</summary>
    public bool IsValid => Failure == ProofFailure.None;

    /// <summary>The result of a proof that verified.</summary>
    public static ProofCheck Valid { get; } = new(ProofFailure.None, "");

    /// <inheritdoc/>
    public override string ToString() => IsValid ? "valid" : $"{Failure}: {Detail}";
}

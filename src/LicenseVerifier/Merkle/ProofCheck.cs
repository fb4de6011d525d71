namespace Regional.LicenseVerifier.Merkle;

/// <summary>Why a Merkle proof did not verify.</summary>
public enum ProofFailure
{
    /// <summary>The proof verified.</summary>
    None,

    /// <summary>The tree sizes cannot describe a proof, e.g. a consistency proof from a larger to a smaller tree.</summary>
    InvalidSize,

    /// <summary>The leaf index is not below the tree size (there is no inclusion proof in an empty tree).</summary>
    IndexOutOfRange,

    /// <summary>The proof has a different number of hashes than the sizes require.</summary>
    WrongProofLength,

    /// <summary>A root, leaf hash or proof hash is not <see cref="Crypto.Suite.HashSize"/> bytes long.</summary>
    BadHashLength,

    /// <summary>The proof is well formed but the hashes it leads to differ from the given roots.</summary>
    RootMismatch,
}

/// <summary>The outcome of verifying a Merkle proof: valid, or what failed and why.</summary>
/// <remarks>
/// <c>default(ProofCheck)</c> has <see cref="ProofFailure.None"/> and so reads as valid: always
/// take a value from <see cref="MerkleTree"/> or <see cref="Valid"/>, never from <c>default</c>.
/// </remarks>
/// <param name="Failure">What failed, or <see cref="ProofFailure.None"/>.</param>
/// <param name="Detail">A message for people: what was wrong and what was wanted; empty when valid.</param>
public readonly record struct ProofCheck(ProofFailure Failure, string Detail)
{
    /// <summary>True when the proof verified.</summary>
    public bool IsValid => Failure == ProofFailure.None;

    /// <summary>The result of a proof that verified.</summary>
    public static ProofCheck Valid { get; } = new(ProofFailure.None, "");

    /// <inheritdoc/>
    public override string ToString() => IsValid ? "valid" : $"{Failure}: {Detail}";
}

using Regional.LicenseVerifier.Crypto;
using Regional.Vectors;

// Writes every vector file of both suites to testdata/vectors/ (or the folder given), deterministically.
var output = args.Length > 0 ? args[0] : Path.Combine(RepositoryRoot(), "testdata", "vectors");
Directory.CreateDirectory(output);
foreach (var suite in new[] { Suite.Gm, Suite.Intl })
{
    VectorFile.Write(output, $"merkle-{suite.Name}.json", MerkleVectors.Create(suite));
    VectorFile.Write(output, $"signatures-{suite.Name}.json", SignatureVectors.Create(suite));
    VectorFile.Write(output, $"notes-{suite.Name}.json", NoteVectors.Create(suite));
    VectorFile.Write(output, $"digests-{suite.Name}.json", DigestVectors.Create(suite));
    VectorFile.Write(output, $"statusmap-{suite.Name}.json", StatusMapVectors.Create(suite));
    VectorFile.Write(output, $"bundles-{suite.Name}.json", BundleVectors.Create(suite));
}
return 0;

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Regional.sln")))
        {
            return dir.FullName;
        }
    }
    throw new InvalidOperationException("run from inside the repository, or give the output folder");
}

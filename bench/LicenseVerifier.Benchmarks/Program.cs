using BenchmarkDotNet.Running;

// BenchmarkDotNet's out-of-process toolchain looks for "<AssemblyName>.csproj", but this project's
// assembly is Regional.LicenseVerifier.Benchmarks and its file LicenseVerifier.Benchmarks.csproj,
// so run in process (the host is already a Release build) unless the caller chose otherwise.
string[] options = args.Contains("--inProcess", StringComparer.OrdinalIgnoreCase) ? args : [.. args, "--inProcess"];
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(options);

using Regional.Cli;

// regional: see CliApp for the command tree, Commands/ for one verb per file, ExitCodes for the exit codes.
// Ctrl-C and SIGTERM cancel the running command; `cluster up` then stops its nodes within 30 s.
Console.OutputEncoding = System.Text.Encoding.UTF8;
return await CliApp.RunAsync(args, CliConsole.FromProcess(), terminationGrace: TimeSpan.FromSeconds(30));

using System.Globalization;

namespace Regional.Node.Benchmarks;

/// <summary>What the figures depend on: cores, CPU model, load, a process's memory.</summary>
internal static class Machine
{
    public static string Describe()
    {
        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        return $"{Environment.ProcessorCount} cores, {model}, .NET {Environment.Version}, load {LoadAverage()}";
    }

    /// <summary>The 1, 5 and 15 minute load averages, as uptime prints them.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>VmRSS and VmHWM (peak RSS) of a process, in MiB, from /proc/&lt;pid&gt;/status.</summary>
    public static (double Rss, double Peak) Memory(int pid)
    {
        double rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) / 1024.0;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) / 1024.0;
            }
        }
        return (rss, peak);
    }

    /// <summary>Bytes of every file whose name starts with the given path (db, -wal, -shm).</summary>
    public static long FileSizes(string path) =>
        Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*").Sum(f => new FileInfo(f).Length);

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
}

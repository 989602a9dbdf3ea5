using System.Globalization;
using System.Runtime.InteropServices;

namespace ParentPortal.LoadRun;

/// <summary>What the machine is and how busy it is, read from /proc (Linux).</summary>
internal static class Machine
{
    public static string Describe()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memoryKb = long.Parse(File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? RuntimeInformation.OSDescription
            : RuntimeInformation.OSDescription;
        var kernel = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} logical cores ({cpu}), {memoryKb / 1024.0 / 1024.0:F1} GiB memory, {os}, Linux {kernel}, {RuntimeInformation.FrameworkDescription}");
    }

    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>Busy and total jiffies of all cores since boot (/proc/stat's first line).</summary>
    public static (long Busy, long Total) CpuJiffies()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
        var total = fields.Take(8).Sum();
        return (total - idle, total);
    }

    public static double BusyPercent((long Busy, long Total) before, (long Busy, long Total) after) =>
        after.Total == before.Total ? 0 : 100.0 * (after.Busy - before.Busy) / (after.Total - before.Total);

    /// <summary>
    /// Watches the whole machine for a while before the run: how busy the cores were, and which processes used them
    /// (per cent of one core), so the report says what else was running.
    /// </summary>
    public static async Task<string> QuietnessAsync(TimeSpan window)
    {
        var before = Processes();
        var cpuBefore = CpuJiffies();
        await Task.Delay(window);
        var cpuAfter = CpuJiffies();
        return string.Create(CultureInfo.InvariantCulture,
            $"cores {BusyPercent(cpuBefore, cpuAfter):F0}% busy over {window.TotalSeconds:F0} s (load average {LoadAverage()}); busiest: {Busiest(before, Processes(), window, exclude: new HashSet<int>())}");
    }

    /// <summary>Per process: name, parent and CPU ticks (user and system, all threads) so far.</summary>
    public static Dictionary<int, (string Name, int Parent, long Ticks)> Processes()
    {
        var result = new Dictionary<int, (string, int, long)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var close = stat.LastIndexOf(')');
                var name = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                result[pid] = (name, int.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
        }

        return result;
    }

    /// <summary>This process and everything it started (the portal, Playwright's driver, Chromium).</summary>
    public static HashSet<int> OwnTree(Dictionary<int, (string Name, int Parent, long Ticks)> processes)
    {
        var own = new HashSet<int> { Environment.ProcessId };
        for (var added = true; added;)
        {
            added = false;
            foreach (var (pid, process) in processes)
            {
                if (own.Contains(process.Parent) && own.Add(pid))
                {
                    added = true;
                }
            }
        }

        return own;
    }

    /// <summary>The five busiest processes between two snapshots, in per cent of one core (a process started in between counts from zero).</summary>
    public static string Busiest(
        Dictionary<int, (string Name, int Parent, long Ticks)> before, Dictionary<int, (string Name, int Parent, long Ticks)> after, TimeSpan window, IReadOnlySet<int> exclude)
    {
        var ticks = 100.0 * window.TotalSeconds;
        var used = after.Where(p => !exclude.Contains(p.Key))
            .Select(p => (p.Value.Name, Used: p.Value.Ticks - (before.TryGetValue(p.Key, out var b) && b.Name == p.Value.Name ? b.Ticks : 0)))
            .Where(p => p.Used > 0)
            .ToList();
        var top = used.OrderByDescending(p => p.Used).Take(5).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {100.0 * p.Used / ticks:F0}%"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{100.0 * used.Sum(p => p.Used) / ticks:F0}% of one core in all ({string.Join(", ", top.DefaultIfEmpty("none"))})");
    }
}

using System.Diagnostics;
using System.Globalization;

namespace Engagement.Bench.Load;

/// <summary>
/// The CPU time spent so far by the servers' process (this one: the silo, the API and bare Kestrel), by every
/// PostgreSQL process on the machine, and by the load generator. A run's difference, per request, is what each request
/// cost the machine, which moves much less than requests per second with how much of its CPUs the host gives this
/// machine (README, Benchmarks).
/// </summary>
public sealed record CpuTimes(TimeSpan Servers, TimeSpan Database, TimeSpan Generator)
{
    public static CpuTimes Read(Process generator)
    {
        using var servers = Process.GetCurrentProcess();
        generator.Refresh();
        return new CpuTimes(servers.TotalProcessorTime, DatabaseTime(), generator.TotalProcessorTime);
    }

    public CpuTimes Since(CpuTimes earlier) =>
        new(Servers - earlier.Servers, Database - earlier.Database, Generator - earlier.Generator);

    private static TimeSpan DatabaseTime()
    {
        // PostgreSQL's processes rename themselves ("postgres: user db host idle"), which hides them from
        // Process.GetProcessesByName; /proc/<pid>/stat keeps the executable's name. Its times are in the kernel's
        // fixed user-visible tick of 1/100 s. A backend that ends during a run is reaped by the postmaster, whose
        // children's times then hold its time, so a process's own times and its children's are counted. Elsewhere than
        // on Linux, the column reads 0.
        const double TicksPerSecond = 100;
        if (!OperatingSystem.IsLinux())
        {
            return TimeSpan.Zero;
        }

        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            var nameEnd = stat.LastIndexOf(')');
            if (nameEnd < 0 || !stat.AsSpan(0, nameEnd).EndsWith("(postgres", StringComparison.Ordinal))
            {
                continue;
            }

            // After the name: state, then 10 fields, then utime, stime, cutime and cstime.
            var fields = stat[(nameEnd + 2)..].Split(' ');
            ticks += fields[11..15].Sum(field => long.Parse(field, CultureInfo.InvariantCulture));
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}

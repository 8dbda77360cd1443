using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;

namespace Engagement.Bench.Load;

/// <summary>
/// Where an open-loop run's slowest requests fell: the run cut into windows of 50 ms by when each request was due,
/// and beside each window what else happened in it — a garbage collection in the servers' process, a group commit
/// that took over 10 ms, an autovacuum worker in PostgreSQL, both cores busy. A p99 is decided by the few hundred
/// slowest requests, and those come in episodes rather than spread over the run (bench/LOAD-HISTORY.md), so the
/// percentile alone cannot say what to fix.
/// </summary>
public sealed class TailWindows : IAsyncDisposable
{
    private const double WindowMs = 50;
    private const double SlowCommitMs = 10;
    private const double BusyShare = 0.9;

    private readonly ConcurrentQueue<(DateTime At, long Busy, long Total)> cpu = new();
    private readonly ConcurrentQueue<(DateTime At, string What)> autovacuum = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Task cpuSampler;
    private readonly Task autovacuumSampler;

    public TailWindows(NpgsqlDataSource database)
    {
        cpuSampler = SampleCpuAsync(stop.Token);
        autovacuumSampler = SampleAutovacuumAsync(database, stop.Token);
    }

    /// <summary>
    /// The table of the windows that hold requests slower than <paramref name="run"/>'s p99, and what share of those
    /// requests fell beside each cause. <paramref name="rate"/> is the run's rate, which dates each request;
    /// <paramref name="commits"/> are the run's group commits (<see cref="CommitObserver.Commits"/>).
    /// </summary>
    public void Print(LoadResult run, double rate, GcPauses gcPauses, IReadOnlyList<(DateTime End, double Ms)> commits)
    {
        var p99 = run.Percentile(99);
        var windows = Enumerable.Range(0, run.LatenciesMs.Count)
            .GroupBy(i => (int)(i * 1000 / rate / WindowMs), i => run.LatenciesMs[i])
            .Select(g => Describe(run.StartedAt.AddMilliseconds(g.Key * WindowMs), g.Count(ms => ms > p99), g.Max(), gcPauses, commits))
            .ToList();
        var slow = windows.Where(w => w.Slow > 0).ToList();
        var total = slow.Sum(w => w.Slow);
        if (total == 0)
        {
            return;
        }

        string Share(Func<Window, bool> cause) =>
            string.Create(CultureInfo.InvariantCulture, $"{100.0 * slow.Where(cause).Sum(w => w.Slow) / total:F0} %");

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Where the {total} requests over the p99 ({p99:F2} ms) of '{run.Name}' fell: {slow.Count} of {windows.Count} windows of {WindowMs} ms."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| beside | a GC pause | a commit over {SlowCommitMs} ms | an autovacuum | both cores {BusyShare:P0} busy | none of these |"));
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| share of those requests | {Share(w => w.GcMs > 0)} | {Share(w => w.LongestCommitMs > SlowCommitMs)} | {Share(w => w.Autovacuum is not null)} | {Share(w => w.Busy >= BusyShare)} | {Share(w => w.GcMs == 0 && w.LongestCommitMs <= SlowCommitMs && w.Autovacuum is null && !(w.Busy >= BusyShare))} |");
        Console.WriteLine();
        Console.WriteLine("| window from ms | requests over the p99 | slowest ms | GC pause ms | longest commit ms | autovacuum | busy |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | --- | ---: |");
        foreach (var w in slow.OrderByDescending(w => w.Slow).Take(8).OrderBy(w => w.From))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(w.From - run.StartedAt).TotalMilliseconds:F0} | {w.Slow} | {w.SlowestMs:F1} | {w.GcMs:F1} | {w.LongestCommitMs:F1} | {w.Autovacuum ?? "-"} | {w.Busy:P0} |"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(cpuSampler, autovacuumSampler);
        stop.Dispose();
    }

    private Window Describe(DateTime from, int slow, double slowestMs, GcPauses gcPauses, IReadOnlyList<(DateTime End, double Ms)> commits)
    {
        var to = from.AddMilliseconds(WindowMs);

        // A commit counts where it overlaps the window, not only where it ended.
        var longestCommit = commits.Where(c => c.End >= from && c.End.AddMilliseconds(-c.Ms) < to).Select(c => c.Ms).DefaultIfEmpty().Max();
        var before = cpu.LastOrDefault(s => s.At <= from);
        var after = cpu.FirstOrDefault(s => s.At >= to);
        var busy = after.Total > before.Total && before.Total > 0 ? (double)(after.Busy - before.Busy) / (after.Total - before.Total) : double.NaN;
        var vacuum = autovacuum.Where(a => a.At >= from.AddMilliseconds(-100) && a.At < to).Select(a => a.What).FirstOrDefault();
        return new Window(from, slow, slowestMs, gcPauses.TotalMs(from, to), longestCommit, vacuum, busy);
    }

    /// <summary>The machine's busy and total CPU ticks every 10 ms, from /proc/stat (Linux only).</summary>
    private async Task SampleCpuAsync(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            do
            {
                await SampleCpuOnceAsync(cancellationToken);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private async Task SampleCpuOnceAsync(CancellationToken cancellationToken)
    {
        // "cpu  user nice system idle iowait irq softirq steal ...": idle and iowait are the idle ticks.
        using var stat = new StreamReader("/proc/stat");
        var ticks = (await stat.ReadLineAsync(cancellationToken) ?? "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        var all = ticks.Sum();
        cpu.Enqueue((DateTime.UtcNow, all - ticks[3] - ticks[4], all));
    }

    /// <summary>What PostgreSQL's autovacuum workers are doing, every 100 ms.</summary>
    private async Task SampleAutovacuumAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            do
            {
                await SampleAutovacuumOnceAsync(database, cancellationToken);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private async Task SampleAutovacuumOnceAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = database.CreateCommand(
                "SELECT string_agg(query, '; ') FROM pg_stat_activity WHERE backend_type = 'autovacuum worker' AND state = 'active'");
            if (await command.ExecuteScalarAsync(cancellationToken) is string what)
            {
                autovacuum.Enqueue((DateTime.UtcNow, what.Replace("autovacuum: ", "", StringComparison.Ordinal)));
            }
        }
        catch (NpgsqlException)
        {
            // A missed sample leaves a gap in one window's column; the run itself is not affected.
        }
    }

    /// <summary>One window of the run; <see cref="Busy"/> is NaN where no CPU sample brackets it.</summary>
    private sealed record Window(DateTime From, int Slow, double SlowestMs, double GcMs, double LongestCommitMs, string? Autovacuum, double Busy);
}

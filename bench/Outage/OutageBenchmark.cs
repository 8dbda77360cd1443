using System.Diagnostics;
using System.Globalization;
using Engagement.Bench.Load;

namespace Engagement.Bench.Outage;

/// <summary>
/// Recipients' hits while the database does not take them: the engagement log is locked by a transaction that never
/// ends (as a migration or a stuck session would hold it), hits arrive at a fixed rate, and the API must answer them
/// anyway, from its spool. Prints how fast they were answered, then releases the log and checks that every answered
/// hit was recorded exactly once.
/// </summary>
public static class OutageBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var rate = BenchSystem.Option(args, "--rate", 500);
        var seconds = BenchSystem.Option(args, "--seconds", 15);
        if (rate < 1 || seconds < 1)
        {
            throw new BenchOptionException($"--rate and --seconds take positive whole numbers, not {rate} and {seconds}.");
        }

        var duration = TimeSpan.FromSeconds(seconds);
        await using var system = await BenchSystem.StartAsync();
        var (targets, messageIds) = await LoadBenchmark.SendMessagesAsync(system.ApiBase, messages: 50, recipients: 4);
        // Connections enough for every hit in flight at that rate to wait out the API's capture timeout, as recipients
        // each on a connection of their own would.
        await using var driver = await LoadDriver.StartAsync(targets, targets, targets, connections: 4096);
        await driver.OpenLoopAsync("warm-up", LoadTarget.Tracking, rate, TimeSpan.FromSeconds(5));
        var healthy = await driver.OpenLoopAsync("database up", LoadTarget.Tracking, rate, duration);
        await system.UntilRollupsCaughtUpAsync();
        var before = await LoadBenchmark.SettledObservationCountAsync(system.Database, messageIds);

        using var spool = new SpoolCounts();
        LoadResult outage;
        await using (var connection = await system.Database.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "LOCK TABLE events IN ACCESS EXCLUSIVE MODE";
                await command.ExecuteNonQueryAsync();
            }

            outage = await driver.OpenLoopAsync("database locked", LoadTarget.Tracking, rate, duration);
        }

        var released = Stopwatch.StartNew();
        var acknowledged = outage.Succeeded;
        // Each count waits until the count stops moving, which a replay round in progress can pause; a count short of the
        // answered hits after five minutes is printed as it is.
        long committed;
        do
        {
            committed = await LoadBenchmark.SettledObservationCountAsync(system.Database, messageIds) - before;
        }
        while (committed < acknowledged && released.Elapsed < TimeSpan.FromMinutes(5));

        Console.WriteLine();
        Console.WriteLine("| run | requests/s | p50 ms | p90 ms | p99 ms | p99 ms from due time | longest ms | ok | failed |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in new[] { healthy, outage })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.RequestsPerSecond:F0} | {r.Percentile(50):F2} | {r.Percentile(90):F2} | {r.Percentile(99):F2} | {LoadResult.Percentile(r.ScheduledLatenciesMs!, 99):F2} | {r.LatenciesMs.Max():F2} | {r.Succeeded} | {r.Failed} |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"While the log was locked: {spool.Spooled} hits spooled, {spool.Lost} lost. Recorded after it was released: {committed} of {acknowledged} answered ({(committed == acknowledged ? "equal" : "NOT EQUAL")}), {released.Elapsed.TotalSeconds:F1} s after the release, {spool.Replayed} of them replayed from the spool."));
    }
}

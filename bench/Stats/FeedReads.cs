using System.Diagnostics;
using System.Globalization;
using Engagement.Bench.Load;
using Engagement.Grains.Tracking;
using Engagement.Silo.EngagementLog;
using Npgsql;
using NpgsqlTypes;

namespace Engagement.Bench.Stats;

/// <summary>
/// The event feed's reads over the stats benchmark's 90 days of partitions, as its consumers poll it: the rollups'
/// read (every route, without payloads) and a webhook's (one route, with payloads), at the head of the feed (what an
/// idle poll costs, every 250 ms for the rollups and every second for each enabled webhook) and a full batch of 1,000
/// events behind it.
/// </summary>
public static class FeedReads
{
    private const int Reads = 300;
    private const int Batch = 1000;

    public static async Task TimeAsync(NpgsqlDataSource database, string routeId)
    {
        var feed = new PostgresEventFeed(database);
        var partitions = await PartitionCountAsync(database);
        var cases = new (string Name, FeedPosition After, string? Route, bool Payloads)[]
        {
            ("rollups (every route, no payloads), at the head", await PositionAsync(database, 0, null), null, false),
            ("a webhook (one route, payloads), at the head", await PositionAsync(database, 0, routeId), routeId, true),
            ($"rollups, {Batch:N0} events behind the head", await PositionAsync(database, Batch, null), null, false),
            ($"a webhook, {Batch:N0} events of its route behind the head", await PositionAsync(database, Batch, routeId), routeId, true),
        };

        Console.WriteLine();
        Console.WriteLine($"| event feed read ({partitions} partitions, {Reads} reads each, one at a time) | events read | p50 ms | p99 ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var (name, after, route, payloads) in cases)
        {
            var latencies = new List<double>();
            var count = 0;
            for (var i = -20; i < Reads; i++)
            {
                var started = Stopwatch.GetTimestamp();
                count = (await feed.ReadAsync(after, Batch, route, payloads)).Count;
                if (i >= 0)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {count:N0} | {LoadResult.Percentile(latencies, 50):F2} | {LoadResult.Percentile(latencies, 99):F2} |"));
        }
    }

    /// <summary>The feed position <paramref name="behind"/> events (of the route, if given) before the last in commit order.</summary>
    private static async Task<FeedPosition> PositionAsync(NpgsqlDataSource database, int behind, string? routeId)
    {
        await using var command = database.CreateCommand("""
            SELECT xact_id, event_id FROM events WHERE $2::text IS NULL OR route_id = $2
             ORDER BY xact_id DESC, event_id DESC OFFSET $1 LIMIT 1
            """);
        command.Parameters.AddWithValue(behind);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)routeId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new FeedPosition(reader.GetFieldValue<ulong>(0), reader.GetGuid(1));
    }

    private static async Task<long> PartitionCountAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM pg_inherits WHERE inhparent = 'events'::regclass");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

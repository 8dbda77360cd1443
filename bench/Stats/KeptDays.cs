using System.Diagnostics;
using System.Globalization;
using Engagement.Bench.Load;
using Engagement.Contracts.Tokens;
using Engagement.Contracts.Tracking;
using Engagement.Grains.Messages;
using Engagement.Grains.Tracking;
using Engagement.Silo.EngagementLog;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace Engagement.Bench.Stats;

/// <summary>
/// What the engagement log's recurring statements cost over the stats benchmark's 90 days of partitions, each run
/// one at a time: the event feed's reads as its consumers poll it (the rollups' read, every route without payloads,
/// every 250 ms when idle; a webhook's, one route with payloads, every second), at the head of the feed (after another
/// transaction wrote, and after none did) and a full batch of 1,000 events behind it; the read of a message's history
/// with which its grain activates; and a hit's commit, alone and with the revision that a burst's hit makes of the
/// recipient's earlier hits.
/// </summary>
public static class KeptDays
{
    private const int Runs = 300;
    private const int Batch = 1000;

    public static async Task TimeAsync(NpgsqlDataSource database, string routeId)
    {
        var feed = new PostgresEventFeed(database);
        using var log = new PostgresEngagementLog(database, NullLogger<PostgresEngagementLog>.Instance);
        await log.StartAsync(CancellationToken.None);
        var head = await PositionAsync(database, 0, null);
        var routeHead = await PositionAsync(database, 0, routeId);
        var behind = await PositionAsync(database, Batch, null);
        var routeBehind = await PositionAsync(database, Batch, routeId);
        var newest = await NewestAsync(database, 3);
        var (message, sentAt) = await NewestMessageAsync(database);
        var since = DateTimeOffset.UtcNow - MessageEngagement.Memory;
        // A transaction that writes moves the feed's horizon, so the poll after it reads the log again (else the feed
        // knows that nothing can have appeared at the head since its last read, and answers without reading).
        Func<Task> somethingWritten = async () =>
        {
            await using var write = database.CreateCommand("SELECT pg_current_xact_id()");
            await write.ExecuteScalarAsync();
        };
        Func<Task> nothingWritten = () => Task.CompletedTask;
        var cases = new (string Name, Func<Task> Before, Func<Task<int>> Run)[]
        {
            ("feed: rollups (every route, no payloads), at the head, after a write elsewhere", somethingWritten, async () => (await feed.ReadAsync(head, Batch, null, false)).Count),
            ("feed: a webhook (one route, payloads), at the head, after a write elsewhere", somethingWritten, async () => (await feed.ReadAsync(routeHead, Batch, routeId, true)).Count),
            ("feed: rollups, at the head, nothing written since its last poll", nothingWritten, async () => (await feed.ReadAsync(head, Batch, null, false)).Count),
            ("feed: a webhook, at the head, nothing written since its last poll", nothingWritten, async () => (await feed.ReadAsync(routeHead, Batch, routeId, true)).Count),
            ($"feed: rollups, {Batch:N0} events behind the head", nothingWritten, async () => (await feed.ReadAsync(behind, Batch, null, false)).Count),
            ($"feed: a webhook, {Batch:N0} events of its route behind the head", nothingWritten, async () => (await feed.ReadAsync(routeBehind, Batch, routeId, true)).Count),
            ("a message's history as its grain activates (totals and recent hits)", nothingWritten, async () =>
            {
                var history = await log.ReadEngagementAsync(message, sentAt - MessageGrain.HostClockGrace, since);
                return history.Totals.Count + history.Hits.Count;
            }),
            // The rows a commit writes: its hit's, and those its revisions change.
            ("a hit's commit", nothingWritten, async () => 1 + (await log.AppendAsync(Hit())).Count),
            ("a hit's commit revising the 3 newest hits (settled, so none changes)", nothingWritten, async () => 1 + (await log.AppendAsync(Hit() with { Revisions = newest })).Count),
        };

        Console.WriteLine();
        Console.WriteLine($"| statement ({await PartitionCountAsync(database)} partitions, {Runs} runs each, one at a time) | rows | p50 ms | p99 ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var (name, before, run) in cases)
        {
            var latencies = new List<double>();
            var rows = 0;
            for (var i = -20; i < Runs; i++)
            {
                await before();
                var started = Stopwatch.GetTimestamp();
                rows = await run();
                if (i >= 0)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {rows:N0} | {LoadResult.Percentile(latencies, 50):F2} | {LoadResult.Percentile(latencies, 99):F2} |"));
        }

        await log.StopAsync(CancellationToken.None);
    }

    /// <summary>An open of a message of its own, so that the history read above does not grow with these rows.</summary>
    private static EngagementEntry Hit()
    {
        var now = DateTimeOffset.UtcNow;
        var observation = new Observation(
            Guid.NewGuid(), TrackingKind.Open, "bench-kept-days", 0, 0, now, "GET", "203.0.113.5", "Mozilla/5.0",
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["User-Agent"] = "Mozilla/5.0" });
        return new EngagementEntry(
            observation, "bench-project", "bench-route", null, "r@example.com", FirstOfKind: false, BotVerdict.Genuine,
            ClientProfile.Unknown, """{"recipient": "r@example.com"}"""u8.ToArray(), null, now);
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

    /// <summary>Revisions of the newest hits to a scanner's verdict, as a burst would ask for.</summary>
    private static async Task<IReadOnlyList<EventRevision>> NewestAsync(NpgsqlDataSource database, int count)
    {
        await using var command = database.CreateCommand("SELECT event_id, occurred_at FROM events ORDER BY occurred_at DESC LIMIT $1");
        command.Parameters.AddWithValue(count);
        await using var reader = await command.ExecuteReaderAsync();
        var scanner = BotVerdict.Genuine with { Detected = true, Classification = "security_scanner", Machine = true, CountsForMetrics = false };
        var revisions = new List<EventRevision>();
        while (await reader.ReadAsync())
        {
            revisions.Add(new EventRevision(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), scanner));
        }

        return revisions;
    }

    /// <summary>The message of the newest hit, and when its first hit came, which stands for when it was sent.</summary>
    private static async Task<(string Message, DateTimeOffset SentAt)> NewestMessageAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("""
            SELECT message_id, min(occurred_at) FROM events
             WHERE message_id = (SELECT message_id FROM events ORDER BY occurred_at DESC LIMIT 1) GROUP BY message_id
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1));
    }

    private static async Task<long> PartitionCountAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM pg_inherits WHERE inhparent = 'events'::regclass");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

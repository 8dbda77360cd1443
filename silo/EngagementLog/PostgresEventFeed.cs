using System.Collections.Concurrent;
using Engagement.Grains.Tracking;
using Npgsql;
using NpgsqlTypes;

namespace Engagement.Silo.EngagementLog;

/// <summary>
/// Reads the event feed from the events table by (xact_id, event_id), below the oldest transaction still in progress.
/// </summary>
public sealed class PostgresEventFeed(NpgsqlDataSource database) : IEventFeed
{
    /// <summary>
    /// A read walks the commit-order index and stops after its limit. Once the day's partition has been analysed, the
    /// events after the cursor are always newer than its statistics, so PostgreSQL expects a few hundred where tens of
    /// thousands wait (the settle window's worth and any backlog), and plans to fetch and sort them all: 145 ms instead
    /// of 2 to 4 ms for 1,000 events at 4,333 hits/s. Without sorting, the index's order is the only plan left.
    /// <para>
    /// And the plan is made once per connection, not per read. Nothing in the read names the partition key (a replayed
    /// hit can land in any day's partition after the cursor), so each plan covers every partition: with 90 days kept,
    /// an idle poll took 8.3 ms planned afresh and 1.8 ms planned once (scripts/bench stats), and every enabled webhook
    /// polls each second. The read's statement is prepared, and its generic plan, the same for any cursor, is used from
    /// the first read on.
    /// </para>
    /// </summary>
    private const string ReadPlanSettings = "SET LOCAL enable_sort = off; SET LOCAL plan_cache_mode = force_generic_plan";

    // A revision and a read racing at the very end of a settle window must not both win: the feed waits this much longer.
    private static readonly TimeSpan SettleMargin = TimeSpan.FromSeconds(1);

    // Bounds the memory below: one entry per consumer's current position, and a few more for consumers that went away.
    private const int RememberedReads = 10_000;

    /// <summary>
    /// Where a read found nothing more, and the horizon just before it. Every transaction below a horizon has ended, so
    /// a read that took every event after its start below it (none unsettled, fewer than its limit) leaves nothing there
    /// for the next; until the horizon moves, which only a transaction that writes can make it do, a poll from the same
    /// start need not read the log at all. An idle poll that reads it opens every day partition's index (1.8 ms over 90
    /// days, scripts/bench stats), and every enabled webhook polls each second.
    /// </summary>
    private readonly ConcurrentDictionary<ReadStart, ulong> readToHorizon = new();

    public async Task<FeedPosition> HeadAsync(CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("SELECT pg_snapshot_xmin(pg_current_snapshot())");
        var xmin = (ulong)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new FeedPosition(xmin, Guid.Empty);
    }

    public async Task<IReadOnlyList<FeedEvent>> ReadAsync(
        FeedPosition after, int limit, string? routeId = null, bool withPayloads = true, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        // The transaction only scopes the read's setting; it writes nothing, and ends as it is disposed.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var horizon = await BeginReadAsync(connection, transaction, cancellationToken);
        var read = new ReadStart(routeId ?? "", after);
        if (readToHorizon.TryGetValue(read, out var readTo) && readTo == horizon)
        {
            return [];
        }

        await using var command = await ReadCommandAsync(connection, transaction, after, limit, routeId, withPayloads, cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<FeedEvent>();
        var settledToTheEnd = true;
        while (await reader.ReadAsync(cancellationToken))
        {
            // Commit order is the order consumers must apply events in, so the first unsettled event ends the read.
            if (!reader.GetBoolean(20))
            {
                settledToTheEnd = false;
                break;
            }

            var eventId = reader.GetGuid(1);
            events.Add(new FeedEvent(
                new FeedPosition(reader.GetFieldValue<ulong>(0), eventId),
                eventId,
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetString(7),
                reader.GetInt32(8),
                reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetInt32(10),
                reader.GetBoolean(11),
                reader.GetBoolean(12),
                reader.GetBoolean(13),
                reader.GetString(14),
                reader.IsDBNull(15) ? null : reader.GetString(15),
                reader.IsDBNull(16) ? null : reader.GetString(16),
                reader.IsDBNull(17) ? null : reader.GetString(17),
                reader.IsDBNull(18) ? null : reader.GetString(18),
                reader.IsDBNull(19) ? null : reader.GetString(19)));
        }

        readToHorizon.TryRemove(read, out _);
        if (settledToTheEnd && events.Count < limit)
        {
            if (readToHorizon.Count >= RememberedReads)
            {
                readToHorizon.Clear();
            }

            readToHorizon[new ReadStart(read.Route, events.Count > 0 ? events[^1].Position : after)] = horizon;
        }

        return events;
    }

    /// <summary>
    /// Starts a read in its transaction: turns off sorting and per-read planning (<see cref="ReadPlanSettings"/>) and
    /// returns the horizon as it stands, in one round trip that touches no table.
    /// </summary>
    internal static async Task<ulong> BeginReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
    {
        await using var settings = new NpgsqlCommand($"SELECT pg_snapshot_xmin(pg_current_snapshot()); {ReadPlanSettings}", connection, transaction);
        return (ulong)(await settings.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The read's command, prepared and ready to run in a transaction that <see cref="BeginReadAsync"/> began.</summary>
    internal static async Task<NpgsqlCommand> ReadCommandAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, FeedPosition after, int limit, string? routeId, bool withPayloads,
        CancellationToken cancellationToken = default)
    {
        var command = new NpgsqlCommand($"""
            SELECT xact_id, event_id, event_type, occurred_at, project_id, route_id, tag, message_id, recipient_index,
                   recipient, link_index, first_of_kind, machine, counts_for_metrics, classification, device_type,
                   client_type, client_name, destination_url, {(withPayloads ? "data" : "NULL")},
                   settles_at <= now() - $4 AS settled
              FROM events
             WHERE (xact_id, event_id) > ($1, $2)
               AND xact_id < pg_snapshot_xmin(pg_current_snapshot())
               {(routeId is null ? "" : "AND route_id = $5")}
             ORDER BY xact_id, event_id
             LIMIT $3
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = after.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.AddWithValue(after.EventId);
        command.Parameters.AddWithValue(limit);
        command.Parameters.AddWithValue(SettleMargin);
        if (routeId is not null)
        {
            command.Parameters.AddWithValue(routeId);
        }

        await command.PrepareAsync(cancellationToken);
        return command;
    }

    /// <summary>Where a read starts: after a position, in one route's events or (an empty route) in all of them.</summary>
    private readonly record struct ReadStart(string Route, FeedPosition After);
}

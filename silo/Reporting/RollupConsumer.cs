using Engagement.Grains.Reporting;
using Engagement.Grains.Tracking;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Engagement.Silo.Reporting;

/// <summary>
/// Keeps the rollups up to date from the event feed, off the hit path. Every silo runs one; each batch is a single
/// transaction that takes the consumer's lock, applies the events and moves the cursor, so one silo works at a time
/// (the others skip while the lock is held), and a crash at any point leaves rollups and cursor agreeing.
/// </summary>
public sealed class RollupConsumer(NpgsqlDataSource database, IEventFeed feed, ILogger<RollupConsumer> logger) : BackgroundService
{
    /// <summary>The advisory lock whose holder applies the next batch: whoever changes rollups outside a batch takes it too.</summary>
    internal const string Turn = "hashtext('rollup_cursor')";

    public const string Consumer = "rollups";
    // Small batches often rather than large ones seldom: a batch's transaction competes with hits for the same cores and
    // database, and a large one showed as a tail in hit latency every time it ran.
    private const int BatchSize = 1000;
    private static readonly TimeSpan IdleDelay = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await ApplyNextBatchAsync(stoppingToken) < BatchSize)
                {
                    await Task.Delay(IdleDelay, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Rolling up events failed; retrying in {Delay}", IdleDelay);
                await Task.Delay(IdleDelay, stoppingToken);
            }
        }
    }

    /// <summary>Applies the next settled events to the rollups; returns how many (0 also when another silo holds the cursor).</summary>
    public async Task<int> ApplyNextBatchAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Rollups and the cursor commit together, so a batch lost in a crash is simply applied again: the batch need not
        // wait for the disk, and hits, which must, do not queue behind its flush.
        await using (var asynchronous = new NpgsqlCommand("SET LOCAL synchronous_commit = off", connection))
        {
            await asynchronous.ExecuteNonQueryAsync(cancellationToken);
        }

        var cursor = await LockCursorAsync(connection, cancellationToken);
        if (cursor is null)
        {
            return 0;
        }

        var events = await feed.ReadAsync(cursor, BatchSize, withPayloads: false, cancellationToken: cancellationToken);
        if (events.Count == 0)
        {
            return 0;
        }

        var known = await RecipientsAsync(connection, events, cancellationToken);
        var batch = RollupBatch.Of(events, known);
        await using (var commands = RollupWrites.For(connection, batch, events[^1].Position))
        {
            await commands.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return events.Count;
    }

    /// <summary>
    /// Takes the consumer's turn for this transaction, or null when another silo has it. An advisory lock rather than
    /// a row lock: it gives the transaction no transaction id, so an idle poll never holds back the feed's horizon
    /// (the oldest running transaction) for other consumers; only the short final write does.
    /// </summary>
    private static async Task<FeedPosition?> LockCursorAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var turn = new NpgsqlCommand($"SELECT pg_try_advisory_xact_lock({Turn})", connection))
        {
            if (!(bool)(await turn.ExecuteScalarAsync(cancellationToken))!)
            {
                return null;
            }
        }

        // Read in a statement of its own, after the lock is ours: a statement sees the database as it was when it
        // began, so a cursor read by the statement that took the lock could predate the batch whose commit released
        // it, and those events would be counted twice.
        await using var command = new NpgsqlCommand("SELECT xact_id, event_id FROM rollup_cursor WHERE consumer = $1", connection);
        command.Parameters.AddWithValue(Consumer);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new FeedPosition(reader.GetFieldValue<ulong>(0), reader.GetGuid(1)) : null;
    }

    private static async Task<Dictionary<RecipientKey, EngagedRecipient>> RecipientsAsync(
        NpgsqlConnection connection, IReadOnlyList<FeedEvent> events, CancellationToken cancellationToken)
    {
        var keys = events.Select(e => new RecipientKey(e.MessageId, e.RecipientIndex)).Distinct().ToList();
        await using var command = new NpgsqlCommand("""
            SELECT r.message_id, r.recipient_index, r.first_open_at, r.first_click_at, r.clicked_links
              FROM engaged_recipients r
              JOIN unnest($1::text[], $2::integer[]) AS k (message_id, recipient_index) USING (message_id, recipient_index)
            """, connection);
        command.Parameters.AddWithValue(keys.Select(k => k.MessageId).ToArray());
        command.Parameters.AddWithValue(keys.Select(k => k.RecipientIndex).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var known = new Dictionary<RecipientKey, EngagedRecipient>();
        while (await reader.ReadAsync(cancellationToken))
        {
            known[new RecipientKey(reader.GetString(0), reader.GetInt32(1))] = new EngagedRecipient(
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetFieldValue<int[]>(4).ToHashSet());
        }

        return known;
    }
}

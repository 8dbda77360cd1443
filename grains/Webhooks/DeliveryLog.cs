using Engagement.Contracts.Messages;
using Engagement.Contracts.Webhooks;
using Engagement.Grains.Tracking;
using Npgsql;
using NpgsqlTypes;

namespace Engagement.Grains.Webhooks;

/// <summary>
/// The delivery tables: each webhook's cursor in the event feed, its queue of deliveries and their attempts.
/// Queuing events and moving the cursor past them happen in one transaction.
/// </summary>
public sealed class DeliveryLog(NpgsqlDataSource database)
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";

    /// <summary>Starts a webhook's cursor at <paramref name="position"/> unless it already has one.</summary>
    public async Task StartCursorAsync(string webhookId, FeedPosition position)
    {
        await using var command = database.CreateCommand(
            "INSERT INTO webhook_cursors (webhook_id, xact_id, event_id) VALUES ($1, $2, $3) ON CONFLICT (webhook_id) DO NOTHING");
        AddCursor(command, webhookId, position);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Moves a webhook's cursor to <paramref name="position"/>, forward or back (re-enabling skips to the present).</summary>
    public async Task SetCursorAsync(string webhookId, FeedPosition position)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO webhook_cursors (webhook_id, xact_id, event_id) VALUES ($1, $2, $3)
            ON CONFLICT (webhook_id) DO UPDATE SET xact_id = excluded.xact_id, event_id = excluded.event_id
            """);
        AddCursor(command, webhookId, position);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<FeedPosition?> ReadCursorAsync(string webhookId)
    {
        await using var command = database.CreateCommand("SELECT xact_id, event_id FROM webhook_cursors WHERE webhook_id = $1");
        command.Parameters.AddWithValue(webhookId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new FeedPosition(reader.GetFieldValue<ulong>(0), reader.GetGuid(1)) : null;
    }

    /// <summary>
    /// Queues the events the webhook takes (a redelivered batch after a crash queues nothing twice) and moves the
    /// cursor to <paramref name="cursor"/>, never backwards, all in one transaction.
    /// </summary>
    /// <remarks>
    /// Only events still in the log are queued, each key-share locked until the transaction ends and with its payload
    /// as the log holds it then, not as the feed read it. An erasure deletes a recipient's events, and takes the
    /// address out of other recipients' events, before it redacts delivery bodies: it either changes an event first
    /// (and the event is not queued, or queued as changed) or waits for this transaction and then finds and redacts the
    /// delivery it queued. The lock does not hold up the settle-window revisions or minimisation, which change no key.
    /// </remarks>
    public async Task EnqueueAsync(string webhookId, IReadOnlyList<FeedEvent> events, FeedPosition cursor, DateTimeOffset now)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var held = await LockEventsAsync(connection, events);
        var queued = events.Where(e => held.ContainsKey(e.EventId)).Select(e => e with { Data = held[e.EventId] }).ToList();
        await using var batch = new NpgsqlBatch(connection);
        if (queued.Count > 0)
        {
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO webhook_deliveries (delivery_id, webhook_id, event_id, event_type, body, created_at, state, next_attempt_at, message_id)
                SELECT d, $1, e, t, b, $5, 'pending', $5, m
                  FROM unnest($2::uuid[], $3::uuid[], $4::text[], $6::text[], $7::text[]) AS q(d, e, t, b, m)
                ON CONFLICT (webhook_id, event_id) DO NOTHING
                """);
            insert.Parameters.AddWithValue(webhookId);
            insert.Parameters.AddWithValue(queued.Select(_ => Guid.NewGuid()).ToArray());
            insert.Parameters.AddWithValue(queued.Select(e => e.EventId).ToArray());
            insert.Parameters.AddWithValue(queued.Select(e => e.EventType).ToArray());
            insert.Parameters.AddWithValue(now);
            insert.Parameters.AddWithValue(queued.Select(WebhookPayload.Of).ToArray());
            insert.Parameters.AddWithValue(queued.Select(e => e.MessageId).ToArray());
            batch.BatchCommands.Add(insert);
        }

        var move = new NpgsqlBatchCommand("""
            UPDATE webhook_cursors SET xact_id = $2, event_id = $3
             WHERE webhook_id = $1 AND (xact_id, event_id) < ($2, $3)
            """);
        move.Parameters.AddWithValue(webhookId);
        move.Parameters.Add(new NpgsqlParameter { Value = cursor.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        move.Parameters.AddWithValue(cursor.EventId);
        batch.BatchCommands.Add(move);
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    /// <summary>
    /// The events still in the log, key-share locked in event order (as an erasure locks the events it rewrites), with
    /// their payloads as they are now. The bounds on occurred_at name the only day partitions they can be in, so the
    /// statement is not planned over every day the log keeps (as a revision is not, see PostgresEngagementLog).
    /// </summary>
    private static async Task<Dictionary<Guid, string>> LockEventsAsync(NpgsqlConnection connection, IReadOnlyList<FeedEvent> events)
    {
        var held = new Dictionary<Guid, string>();
        if (events.Count == 0)
        {
            return held;
        }

        await using var command = new NpgsqlCommand("""
            SELECT e.event_id, e.data
              FROM events e JOIN unnest($1::uuid[], $2::timestamptz[]) AS q(e, o) ON e.event_id = q.e AND e.occurred_at = q.o
             WHERE e.occurred_at BETWEEN $3 AND $4
             ORDER BY e.event_id
               FOR KEY SHARE OF e
            """, connection);
        command.Parameters.AddWithValue(events.Select(e => e.EventId).ToArray());
        command.Parameters.AddWithValue(events.Select(e => e.OccurredAt.UtcDateTime).ToArray());
        command.Parameters.AddWithValue(events.Min(e => e.OccurredAt).UtcDateTime);
        command.Parameters.AddWithValue(events.Max(e => e.OccurredAt).UtcDateTime);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            held[reader.GetGuid(0)] = reader.GetString(1);
        }

        return held;
    }

    public async Task<IReadOnlyList<DueDelivery>> TakeDueAsync(string webhookId, DateTimeOffset now, int limit)
    {
        await using var command = database.CreateCommand("""
            SELECT delivery_id, event_id, body, round_attempts FROM webhook_deliveries
             WHERE webhook_id = $1 AND state = 'pending' AND next_attempt_at <= $2
             ORDER BY next_attempt_at, seq
             LIMIT $3
            """);
        command.Parameters.AddWithValue(webhookId);
        command.Parameters.AddWithValue(now);
        command.Parameters.AddWithValue(limit);
        await using var reader = await command.ExecuteReaderAsync();
        var due = new List<DueDelivery>();
        while (await reader.ReadAsync())
        {
            due.Add(new DueDelivery(reader.GetGuid(0), EventEnvelope.IdOf(reader.GetGuid(1)), reader.GetString(2), reader.GetInt32(3)));
        }

        return due;
    }

    /// <summary>Records an attempt and the delivery's new state in one statement; a final state notes when it finished.</summary>
    public async Task RecordAsync(Guid deliveryId, WebhookAttempt attempt, string state, DateTimeOffset? nextAttemptAt)
    {
        await using var command = database.CreateCommand("""
            WITH attempt AS (
                INSERT INTO webhook_attempts (delivery_id, attempted_at, status_code, latency_ms, error, response_body)
                VALUES ($1, $2, $3, $4, $5, $6))
            UPDATE webhook_deliveries
               SET state = $7, next_attempt_at = $8, round_attempts = round_attempts + 1,
                   finished_at = CASE WHEN $7 = 'pending' THEN NULL ELSE $2 END
             WHERE delivery_id = $1
            """);
        command.Parameters.AddWithValue(deliveryId);
        command.Parameters.AddWithValue(attempt.AttemptedAt);
        command.Parameters.AddWithValue(NpgsqlDbType.Integer, (object?)attempt.StatusCode ?? DBNull.Value);
        command.Parameters.AddWithValue(attempt.LatencyMs);
        command.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)attempt.Error ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)attempt.ResponseBody?.Replace("\0", "", StringComparison.Ordinal) ?? DBNull.Value);
        command.Parameters.AddWithValue(state);
        command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, (object?)nextAttemptAt ?? DBNull.Value);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<DeliveryPage> PageAsync(string webhookId, long? before, int limit)
    {
        await using var command = database.CreateCommand($"""
            SELECT d.delivery_id, d.seq, d.event_id, d.event_type, d.state, d.created_at, d.next_attempt_at,
                   a.attempted_at, a.status_code, a.latency_ms, a.response_body, a.error
              FROM (SELECT * FROM webhook_deliveries
                     WHERE webhook_id = $1 {(before is null ? "" : "AND seq < $3")}
                     ORDER BY seq DESC LIMIT $2) d
              LEFT JOIN webhook_attempts a ON a.delivery_id = d.delivery_id
             ORDER BY d.seq DESC, a.attempted_at
            """);
        command.Parameters.AddWithValue(webhookId);
        command.Parameters.AddWithValue(limit + 1);
        if (before is not null)
        {
            command.Parameters.AddWithValue(before.Value);
        }

        var deliveries = await ReadDeliveriesAsync(command);
        return deliveries.Count > limit
            ? new DeliveryPage(deliveries[..limit], deliveries[limit - 1].Sequence)
            : new DeliveryPage(deliveries, null);
    }

    /// <summary>Makes a delivery due now with a fresh retry schedule, whatever its state; null when the webhook has no such delivery.</summary>
    public async Task<WebhookDelivery?> ReplayAsync(string webhookId, Guid deliveryId, DateTimeOffset now)
    {
        await using (var command = database.CreateCommand("""
            UPDATE webhook_deliveries SET state = 'pending', round_attempts = 0, next_attempt_at = $3, finished_at = NULL
             WHERE webhook_id = $1 AND delivery_id = $2
            """))
        {
            command.Parameters.AddWithValue(webhookId);
            command.Parameters.AddWithValue(deliveryId);
            command.Parameters.AddWithValue(now);
            if (await command.ExecuteNonQueryAsync() == 0)
            {
                return null;
            }
        }

        await using var read = database.CreateCommand("""
            SELECT d.delivery_id, d.seq, d.event_id, d.event_type, d.state, d.created_at, d.next_attempt_at,
                   a.attempted_at, a.status_code, a.latency_ms, a.response_body, a.error
              FROM webhook_deliveries d LEFT JOIN webhook_attempts a ON a.delivery_id = d.delivery_id
             WHERE d.delivery_id = $1
             ORDER BY a.attempted_at
            """);
        read.Parameters.AddWithValue(deliveryId);
        return (await ReadDeliveriesAsync(read)).SingleOrDefault();
    }

    public async Task DeleteAsync(string webhookId)
    {
        await using var batch = database.CreateBatch();
        foreach (var sql in new[] { "DELETE FROM webhook_deliveries WHERE webhook_id = $1", "DELETE FROM webhook_cursors WHERE webhook_id = $1" })
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.AddWithValue(webhookId);
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync();
    }

    private static void AddCursor(NpgsqlCommand command, string webhookId, FeedPosition position)
    {
        command.Parameters.AddWithValue(webhookId);
        command.Parameters.Add(new NpgsqlParameter { Value = position.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.AddWithValue(position.EventId);
    }

    // Rows are one per attempt (or one with null attempt columns for a delivery not yet tried), grouped by delivery.
    private static async Task<List<WebhookDelivery>> ReadDeliveriesAsync(NpgsqlCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var deliveries = new List<WebhookDelivery>();
        List<WebhookAttempt>? attempts = null;
        while (await reader.ReadAsync())
        {
            var id = reader.GetGuid(0);
            if (deliveries.Count == 0 || deliveries[^1].Id != id)
            {
                attempts = [];
                deliveries.Add(new WebhookDelivery(
                    id,
                    reader.GetInt64(1),
                    EventEnvelope.IdOf(reader.GetGuid(2)),
                    reader.GetString(3),
                    reader.GetString(4),
                    reader.GetFieldValue<DateTimeOffset>(5),
                    reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                    attempts));
            }

            if (!reader.IsDBNull(7))
            {
                attempts!.Add(new WebhookAttempt(
                    reader.GetFieldValue<DateTimeOffset>(7),
                    reader.IsDBNull(8) ? null : reader.GetInt32(8),
                    reader.GetInt32(9),
                    reader.IsDBNull(10) ? null : reader.GetString(10),
                    reader.IsDBNull(11) ? null : reader.GetString(11)));
            }
        }

        return deliveries;
    }
}

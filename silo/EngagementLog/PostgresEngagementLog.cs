using System.Text.Json;
using System.Threading.Channels;
using Engagement.Contracts.Tokens;
using Engagement.Grains.Tracking;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Engagement.Silo.EngagementLog;

/// <summary>
/// Group commit for the engagement log: every hit waits for its rows to be committed, but all hits that arrive
/// while a commit is in flight share the next one (two multi-row INSERTs from arrays, one round trip), so
/// durability costs one database round trip per batch rather than per hit.
/// </summary>
public sealed class PostgresEngagementLog(NpgsqlDataSource database, ILogger<PostgresEngagementLog> logger)
    : IEngagementLog, IHostedService
{
    private const int MaxBatch = 2000;

    // Two commits in flight: a hit that arrives during a commit waits for the next one, not for the current to end first.
    private const int Committers = 2;

    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly Channel<PendingEntry> pending = Channel.CreateUnbounded<PendingEntry>();
    private Task? committing;

    public Task AppendAsync(EngagementEntry entry, CancellationToken cancellationToken = default)
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!pending.Writer.TryWrite(new PendingEntry(entry, completion)))
        {
            throw new InvalidOperationException("The engagement log is shutting down.");
        }

        return completion.Task.WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<LoggedEvent>> ReadMessageEventsAsync(string messageId, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            SELECT event_id, event_type, occurred_at, recipient_index, counts_for_metrics, data::text
              FROM events WHERE message_id = $1 ORDER BY occurred_at, event_id
            """);
        command.Parameters.AddWithValue(messageId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<LoggedEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new LoggedEvent(
                reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetInt32(3), reader.GetBoolean(4), reader.GetString(5)));
        }

        return events;
    }

    public async Task<IReadOnlyList<Guid>> ReviseAsync(IReadOnlyList<EventRevision> revisions, CancellationToken cancellationToken = default)
    {
        // One transaction: an event and its observation change together or not at all. A revised event never counts
        // and is nobody's first; its data carries the new bot object.
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = revisions.Select(r => r.EventId).ToArray();
        var times = revisions.Select(r => r.OccurredAt.UtcDateTime).ToArray();
        var classifications = revisions.Select(r => r.Verdict.Classification).ToArray();
        var machines = revisions.Select(r => r.Verdict.Machine).ToArray();
        var bots = revisions.Select(r => JsonSerializer.Serialize(r.Verdict, SnakeCase)).ToArray();
        await using var events = new NpgsqlCommand("""
            UPDATE events e
               SET classification = r.classification, machine = r.machine, counts_for_metrics = false, first_of_kind = false,
                   data = e.data || jsonb_build_object(
                       CASE e.event_type WHEN 'message.opened' THEN 'first_open' ELSE 'first_click' END, false, 'bot', r.bot)
              FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::boolean[], $5::jsonb[]) AS r(event_id, occurred_at, classification, machine, bot)
             WHERE e.event_id = r.event_id AND e.occurred_at = r.occurred_at AND e.settles_at > now()
            RETURNING e.event_id
            """, connection, transaction);
        Add(events, ids, times, classifications, machines, bots);
        var revised = new List<Guid>();
        await using (var reader = await events.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                revised.Add(reader.GetGuid(0));
            }
        }

        await using var observations = new NpgsqlCommand("""
            UPDATE observations o SET classification = r.classification, bot = r.bot
              FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::jsonb[]) AS r(observation_id, received_at, classification, bot)
             WHERE o.observation_id = r.observation_id AND o.received_at = r.received_at AND o.observation_id = ANY($5)
            """, connection, transaction);
        Add(observations, ids, times, classifications, bots, revised.ToArray());
        await observations.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return revised;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        committing = Task.WhenAll(Enumerable.Range(0, Committers).Select(_ => Task.Run(CommitLoopAsync, CancellationToken.None)));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Hits already accepted are committed before the silo goes; new ones are refused (and spooled by the API).
        pending.Writer.TryComplete();
        if (committing is not null)
        {
            await committing.WaitAsync(cancellationToken);
        }
    }

    private async Task CommitLoopAsync()
    {
        var batch = new List<PendingEntry>(MaxBatch);
        while (await pending.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && pending.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            // Both committers wake for the same arrival; the one that finds nothing left must not commit an empty batch.
            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await CommitAsync(batch);
                batch.ForEach(p => p.Completion.TrySetResult());
            }
            catch (Exception e)
            {
                logger.LogError(e, "Committing {Count} engagement entries failed", batch.Count);
                batch.ForEach(p => p.Completion.TrySetException(e));
            }

            batch.Clear();
        }
    }

    private async Task CommitAsync(List<PendingEntry> batch)
    {
        var entries = batch.Select(p => p.Entry).ToList();
        var ids = entries.Select(e => e.Observation.Id).ToArray();
        var times = entries.Select(e => e.Observation.ReceivedAt.UtcDateTime).ToArray();
        var projects = entries.Select(e => e.ProjectId).ToArray();
        var messages = entries.Select(e => e.Observation.MessageId).ToArray();
        var recipientIndexes = entries.Select(e => e.Observation.RecipientIndex).ToArray();
        var linkIndexes = entries.Select(e => e.Observation.Kind == TrackingKind.Click ? e.Observation.LinkIndex : (int?)null).ToArray();
        var classifications = entries.Select(e => e.Verdict.Classification).ToArray();

        await using var connection = await database.OpenConnectionAsync();
        await using var commands = new NpgsqlBatch(connection);

        var observations = new NpgsqlBatchCommand("""
            INSERT INTO observations (observation_id, received_at, project_id, message_id, recipient_index, kind, link_index,
                                      method, client_ip, user_agent, headers, classification, bot)
            SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::integer[], $6::text[], $7::integer[],
                                 $8::text[], $9::text[], $10::text[], $11::jsonb[], $12::text[], $13::jsonb[])
            ON CONFLICT DO NOTHING
            """);
        Add(observations, ids, times, projects, messages, recipientIndexes,
            entries.Select(e => e.Observation.Kind == TrackingKind.Open ? "open" : "click").ToArray(), linkIndexes,
            entries.Select(e => e.Observation.Method).ToArray(),
            entries.Select(e => e.Observation.ClientIp).ToArray(),
            entries.Select(e => e.Observation.UserAgent).ToArray(),
            entries.Select(e => JsonSerializer.Serialize(e.Observation.Headers)).ToArray(),
            classifications,
            entries.Select(e => JsonSerializer.Serialize(e.Verdict, SnakeCase)).ToArray());
        commands.BatchCommands.Add(observations);

        var events = new NpgsqlBatchCommand("""
            INSERT INTO events (event_id, occurred_at, project_id, route_id, tag, message_id, recipient_index, recipient, event_type,
                                link_index, first_of_kind, machine, counts_for_metrics, classification, device_type, client_type,
                                client_name, data, settles_at)
            SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::integer[],
                                 $8::text[], $9::text[], $10::integer[], $11::boolean[], $12::boolean[], $13::boolean[], $14::text[],
                                 $15::text[], $16::text[], $17::text[], $18::jsonb[], $19::timestamptz[])
            ON CONFLICT DO NOTHING
            """);
        Add(events, ids, times, projects,
            entries.Select(e => e.RouteId).ToArray(),
            entries.Select(e => e.Tag).ToArray(),
            messages, recipientIndexes,
            entries.Select(e => e.Recipient).ToArray(),
            entries.Select(e => e.EventType).ToArray(),
            linkIndexes,
            entries.Select(e => e.FirstOfKind).ToArray(),
            entries.Select(e => e.Verdict.Machine).ToArray(),
            entries.Select(e => e.Verdict.CountsForMetrics).ToArray(),
            classifications,
            entries.Select(e => e.Client.DeviceType).ToArray(),
            entries.Select(e => e.Client.ClientType).ToArray(),
            entries.Select(e => e.Client.ClientName).ToArray(),
            entries.Select(e => e.EventData).ToArray(),
            entries.Select(e => e.SettlesAt.UtcDateTime).ToArray());
        commands.BatchCommands.Add(events);

        // The two statements of one batch run in one implicit transaction: both rows of a hit, or neither.
        await commands.ExecuteNonQueryAsync();
    }

    private static void Add(NpgsqlBatchCommand command, params object[] arrays)
    {
        foreach (var array in arrays)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = array });
        }
    }

    private static void Add(NpgsqlCommand command, params object[] arrays)
    {
        foreach (var array in arrays)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = array });
        }
    }

    private sealed record PendingEntry(EngagementEntry Entry, TaskCompletionSource Completion);
}

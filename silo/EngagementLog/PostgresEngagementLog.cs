using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Engagement.Contracts.Tokens;
using Engagement.Grains.Tracking;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Engagement.Silo.EngagementLog;

/// <summary>
/// Group commit for the engagement log: every hit waits for its row to be committed, but all hits that arrive
/// while a commit is in flight share the next one (one statement inserting every hit's row from arrays), so
/// durability costs one database round trip per batch rather than per hit.
/// </summary>
/// <remarks>
/// The committers are threads of their own that wait for hits and for the database synchronously. Every hit's answer
/// waits for a commit, and an awaited commit resumed twice through the thread pool (on the wake-up and on the
/// database's reply), each time queued behind the HTTP and grain work of every other hit. A blocked thread is woken by
/// the kernel as soon as its hit or its reply arrives.
/// </remarks>
public sealed class PostgresEngagementLog(NpgsqlDataSource database, ILogger<PostgresEngagementLog> logger)
    : IEngagementLog, IHostedService, IDisposable
{
    private const int MaxBatch = 2000;

    // One commit in flight: hits that arrive during a commit share the next one. Each commit has a fixed cost, and a
    // second committer, which spared a hit waiting for the current commit to end, made the commits smaller and a hit
    // 5 to 10 % dearer below the maximum rate, for a tail no shorter (bench/LOAD-HISTORY.md).
    private const int Committers = 1;

    private readonly BlockingCollection<PendingEntry> pending = new(new ConcurrentQueue<PendingEntry>());
    private Task? committing;

    public Task<IReadOnlyList<Guid>> AppendAsync(EngagementEntry entry, CancellationToken cancellationToken = default)
    {
        // Continuations run where the committer completes them. A grain's continuation is only queued to its
        // activation there, so each hit saves a hop through the thread pool; the committer completes every hit of a
        // batch before it takes the next.
        var completion = new TaskCompletionSource<IReadOnlyList<Guid>>();
        try
        {
            pending.Add(new PendingEntry(entry, completion, Stopwatch.GetTimestamp()), cancellationToken);
        }
        catch (InvalidOperationException)
        {
            throw new InvalidOperationException("The engagement log is shutting down.");
        }

        return completion.Task.WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<LoggedEvent>> ReadMessageEventsAsync(string messageId, DateTimeOffset notBefore, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            SELECT event_id, event_type, occurred_at, recipient_index, counts_for_metrics, data
              FROM events WHERE message_id = $1 AND occurred_at >= $2 ORDER BY occurred_at, event_id
            """);
        command.Parameters.AddWithValue(messageId);
        command.Parameters.AddWithValue(notBefore.UtcDateTime);
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

    public async Task<EngagementHistory> ReadEngagementAsync(
        string messageId, DateTimeOffset notBefore, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT recipient_index, event_type, count(*)::integer, min(occurred_at)
              FROM events WHERE message_id = $1 AND occurred_at >= $2 AND occurred_at < $3 AND counts_for_metrics
             GROUP BY recipient_index, event_type
            """) { Parameters = { new() { Value = messageId }, new() { Value = notBefore.UtcDateTime }, new() { Value = since.UtcDateTime } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT event_id, event_type, recipient_index, occurred_at, counts_for_metrics
              FROM events WHERE message_id = $1 AND occurred_at >= $2 ORDER BY occurred_at, event_id
            """) { Parameters = { new() { Value = messageId }, new() { Value = since.UtcDateTime } } });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var totals = new List<CountedTotal>();
        while (await reader.ReadAsync(cancellationToken))
        {
            totals.Add(new CountedTotal(reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        await reader.NextResultAsync(cancellationToken);
        var hits = new List<LoggedHit>();
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new LoggedHit(
                reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetBoolean(4)));
        }

        return new EngagementHistory(totals, hits);
    }

    public async Task<bool> ContainsAsync(Guid observationId, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("SELECT EXISTS (SELECT FROM events WHERE event_id = $1 AND occurred_at = $2)");
        command.Parameters.AddWithValue(observationId);
        command.Parameters.AddWithValue(receivedAt.UtcDateTime);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        committing = Task.WhenAll(Enumerable.Range(0, Committers).Select(StartCommitter));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Hits already accepted are committed before the silo goes; new ones are refused (and spooled by the API).
        pending.CompleteAdding();
        if (committing is not null)
        {
            await committing.WaitAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        // A committer still finishing a commit after a stop that timed out keeps using the queue; it is freed with the process.
        if (committing is null || committing.IsCompleted)
        {
            pending.Dispose();
        }
    }

    private Task StartCommitter(int number)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            CommitLoop();
            stopped.SetResult();
        })
        {
            IsBackground = true,
            Name = $"Engagement log committer {number}",
        };
        thread.Start();
        return stopped.Task;
    }

    private void CommitLoop()
    {
        var batch = new List<PendingEntry>(MaxBatch);
        foreach (var first in pending.GetConsumingEnumerable())
        {
            batch.Add(first);
            while (batch.Count < MaxBatch && pending.TryTake(out var entry))
            {
                batch.Add(entry);
            }

            try
            {
                var started = Stopwatch.GetTimestamp();
                var revised = Commit(batch);
                EngagementLogMeter.CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                EngagementLogMeter.CommitSize.Record(batch.Count);
                foreach (var entry in batch)
                {
                    EngagementLogMeter.HitWait.Record(Stopwatch.GetElapsedTime(entry.AppendedAt).TotalMilliseconds);
                    entry.Completion.TrySetResult(RevisedBy(entry.Entry, revised));
                }
            }
            catch (PostgresException e) when (IsRefusalOfData(e))
            {
                // An entry that PostgreSQL refuses would fail every hit of its commit, and again whenever the API's spool
                // replays them together: each is committed alone instead, so that only the refused one fails.
                logger.LogError(e, "Committing {Count} engagement entries failed on their data; committing each alone", batch.Count);
                CommitEachAlone(batch);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Committing {Count} engagement entries failed", batch.Count);
                batch.ForEach(p => p.Completion.TrySetException(e));
            }

            batch.Clear();
        }
    }

    // SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation): a row was refused, not the commit.
    private static bool IsRefusalOfData(PostgresException e) =>
        e.SqlState.StartsWith("22", StringComparison.Ordinal) || e.SqlState.StartsWith("23", StringComparison.Ordinal);

    private void CommitEachAlone(List<PendingEntry> batch)
    {
        foreach (var pendingEntry in batch)
        {
            try
            {
                pendingEntry.Completion.TrySetResult(CommitAlone(pendingEntry.Entry));
            }
            catch (Exception e)
            {
                pendingEntry.Completion.TrySetException(e);
            }
        }
    }

    private IReadOnlyList<Guid> CommitAlone(EngagementEntry entry)
    {
        try
        {
            return RevisedBy(entry, Write([entry], skipLogged: true));
        }
        catch (PostgresException e) when (IsRefusalOfData(e) && entry.Revisions.Count > 0)
        {
            // What was refused may be an earlier hit's row that the revision edits, not this hit: it is kept without it.
            logger.LogError(e, "Observation {Id} is recorded without its revision of {Count} earlier hits, which PostgreSQL refused", entry.Observation.Id, entry.Revisions.Count);
            return CommitAlone(entry with { Revisions = [] });
        }
        catch (PostgresException e) when (IsRefusalOfData(e))
        {
            throw new EntryRefusedException($"PostgreSQL refused observation {entry.Observation.Id}: {e.MessageText}", e);
        }
    }

    /// <returns>The ids of the events the batch's revisions changed.</returns>
    private HashSet<Guid> Commit(List<PendingEntry> batch)
    {
        var entries = batch.ConvertAll(p => p.Entry);
        try
        {
            return Write(entries, skipLogged: false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // An observation already in the log: the API spooled it after a timeout while its first attempt still
            // committed, and replayed it. Checking every row for that would cost each hit a speculative insertion
            // (about a tenth of the insert), so only a batch that meets one pays, by being written again without it.
            return Write(entries, skipLogged: true);
        }
    }

    private HashSet<Guid> Write(List<EngagementEntry> entries, bool skipLogged)
    {
        List<EventRevision> revisions = [.. entries.SelectMany(e => e.Revisions)];

        // The statements of one batch run in one transaction: a hit's revisions are committed with its row, or neither is
        // (a revision committed alone, after its hit, cost that hit's answer a second round trip and flush). The
        // revisions come after the rows, so they also find the earlier hits of this same commit.
        using var commands = database.CreateBatch();
        commands.BatchCommands.Add(InsertCommand(entries, skipLogged));
        if (revisions.Count == 0)
        {
            commands.ExecuteNonQuery();
            return [];
        }

        commands.BatchCommands.Add(ReviseCommand(revisions));
        var revised = new HashSet<Guid>();
        using var reader = commands.ExecuteReader();
        do
        {
            while (reader.Read())
            {
                revised.Add(reader.GetGuid(0));
            }
        }
        while (reader.NextResult());
        return revised;
    }

    private static IReadOnlyList<Guid> RevisedBy(EngagementEntry entry, HashSet<Guid> revised) =>
        entry.Revisions.Count == 0 || revised.Count == 0
            ? []
            : [.. entry.Revisions.Select(r => r.EventId).Where(revised.Contains)];

    private static NpgsqlBatchCommand InsertCommand(List<EngagementEntry> entries, bool skipLogged)
    {
        // One row per hit: the event is the observation too (method, client address and headers beside the payload).
        var command = new NpgsqlBatchCommand($"""
            INSERT INTO events (event_id, occurred_at, project_id, message_id, recipient_index, link_index, classification,
                                method, client_ip, headers, route_id, tag, recipient, event_type, first_of_kind, machine,
                                counts_for_metrics, device_type, client_type, client_name, data, settles_at, destination_url)
            SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::integer[], $6::integer[], $7::text[],
                                 $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                                 $15::boolean[], $16::boolean[], $17::boolean[], $18::text[], $19::text[], $20::text[],
                                 $21::text[], $22::timestamptz[], $23::text[])
            {(skipLogged ? "ON CONFLICT DO NOTHING" : "")}
            """);
        Add(command.Parameters,
            entries.Select(e => e.Observation.Id).ToArray(),
            entries.Select(e => e.Observation.ReceivedAt.UtcDateTime).ToArray(),
            entries.Select(e => e.ProjectId).ToArray(),
            entries.Select(e => e.Observation.MessageId).ToArray(),
            entries.Select(e => e.Observation.RecipientIndex).ToArray(),
            entries.Select(e => e.Observation.Kind == TrackingKind.Click ? e.Observation.LinkIndex : (int?)null).ToArray(),
            entries.Select(e => e.Verdict.Classification).ToArray(),
            entries.Select(e => e.Observation.Method).ToArray(),
            entries.Select(e => e.Observation.ClientIp).ToArray(),
            entries.Select(e => JsonSerializer.SerializeToUtf8Bytes(e.Observation.Headers)).ToArray(),
            entries.Select(e => e.RouteId).ToArray(),
            entries.Select(e => e.Tag).ToArray(),
            entries.Select(e => e.Recipient).ToArray(),
            entries.Select(e => e.EventType).ToArray(),
            entries.Select(e => e.FirstOfKind).ToArray(),
            entries.Select(e => e.Verdict.Machine).ToArray(),
            entries.Select(e => e.Verdict.CountsForMetrics).ToArray(),
            entries.Select(e => e.Client.DeviceType).ToArray(),
            entries.Select(e => e.Client.ClientType).ToArray(),
            entries.Select(e => e.Client.ClientName).ToArray(),
            entries.Select(e => e.EventData).ToArray(),
            entries.Select(e => e.SettlesAt.UtcDateTime).ToArray(),
            entries.Select(e => e.DestinationUrl).ToArray());
        return command;
    }

    private static NpgsqlBatchCommand ReviseCommand(List<EventRevision> revisions)
    {
        // A revised event never counts and is nobody's first; its data carries the new bot object. The bounds on
        // occurred_at name the only day partitions the events can be in: without them the statement was planned over
        // every day the log keeps, and a revision over 99 partitions took 9.1 ms instead of 0.6 (scripts/bench stats).
        var command = new NpgsqlBatchCommand("""
            UPDATE events e
               SET classification = r.classification, machine = r.machine, counts_for_metrics = false, first_of_kind = false,
                   data = (e.data::jsonb || jsonb_build_object(
                       CASE e.event_type WHEN 'message.opened' THEN 'first_open' ELSE 'first_click' END, false, 'bot', r.bot))::text
              FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::boolean[], $5::jsonb[]) AS r(event_id, occurred_at, classification, machine, bot)
             WHERE e.event_id = r.event_id AND e.occurred_at = r.occurred_at AND e.settles_at > now()
               AND e.occurred_at BETWEEN $6 AND $7
            RETURNING e.event_id
            """);
        Add(command.Parameters,
            revisions.Select(r => r.EventId).ToArray(),
            revisions.Select(r => r.OccurredAt.UtcDateTime).ToArray(),
            revisions.Select(r => r.Verdict.Classification).ToArray(),
            revisions.Select(r => r.Verdict.Machine).ToArray(),
            revisions.Select(r => BotJson.Of(r.Verdict)).ToArray(),
            revisions.Min(r => r.OccurredAt).UtcDateTime,
            revisions.Max(r => r.OccurredAt).UtcDateTime);
        return command;
    }

    private static void Add(NpgsqlParameterCollection parameters, params object[] values)
    {
        foreach (var value in values)
        {
            var parameter = new NpgsqlParameter { Value = value };

            // JSON documents arrive as UTF-8 and go to PostgreSQL as written, as text, without a UTF-16 copy either way.
            if (value is byte[][])
            {
                parameter.NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text;
            }

            parameters.Add(parameter);
        }
    }

    private sealed record PendingEntry(EngagementEntry Entry, TaskCompletionSource<IReadOnlyList<Guid>> Completion, long AppendedAt);
}

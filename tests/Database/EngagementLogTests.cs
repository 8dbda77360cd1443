using System.Text;
using System.Text.Json;
using Engagement.Contracts.Tokens;
using Engagement.Contracts.Tracking;
using Engagement.Grains.Tracking;
using Engagement.Silo.EngagementLog;
using Engagement.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Engagement.Tests.Database;

/// <summary>The group commit against a real PostgreSQL: a hit's append returns only once its row is committed.</summary>
public sealed class EngagementLogTests : IAsyncLifetime, IDisposable
{
    private TestDatabase database = null!;
    private PostgresEngagementLog log = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        log = new PostgresEngagementLog(database.DataSource, NullLogger<PostgresEngagementLog>.Instance);
        await log.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await log.StopAsync(CancellationToken.None);
        await database.DisposeAsync();
    }

    public void Dispose() => log.Dispose();

    [Fact]
    public async Task Each_of_many_concurrent_appends_returns_only_once_its_row_is_committed()
    {
        var visibleOnReturn = await Task.WhenAll(Enumerable.Range(0, 300).Select(async i =>
        {
            var entry = Entry(recipientIndex: i);
            await log.AppendAsync(entry);
            return await RowsAsync(entry.Observation.Id);
        }));

        Assert.All(visibleOnReturn, rows => Assert.Equal(1, rows));
        Assert.Equal(300, await AllRowsAsync());
    }

    [Fact]
    public async Task The_same_observation_appended_twice_is_one_row()
    {
        var entry = Entry();

        await log.AppendAsync(entry);
        await log.AppendAsync(entry);

        Assert.Equal(1, await RowsAsync(entry.Observation.Id));
    }

    [Fact]
    public async Task Hits_committed_beside_an_observation_already_logged_are_all_recorded_once()
    {
        var logged = Entry();
        await log.AppendAsync(logged);
        var fresh = Enumerable.Range(0, 20).Select(_ => Entry()).ToList();

        await Task.WhenAll([log.AppendAsync(logged), .. fresh.Select(e => log.AppendAsync(e))]);

        Assert.Equal(1, await RowsAsync(logged.Observation.Id));
        Assert.All(await Task.WhenAll(fresh.Select(e => RowsAsync(e.Observation.Id))), rows => Assert.Equal(1, rows));
    }

    [Fact]
    public async Task The_data_and_headers_are_stored_as_the_silo_wrote_them_non_ASCII_text_included()
    {
        var entry = Entry();
        var data = """{"subject":"Crème brûlée — 寿司","recipient":"zoë@example.org"}""";
        entry = entry with
        {
            Observation = entry.Observation with { Headers = new Dictionary<string, string> { ["Accept-Language"] = "fr-FR", ["X-Note"] = "naïve" } },
            EventData = Encoding.UTF8.GetBytes(data),
        };

        await log.AppendAsync(entry);

        var stored = Assert.Single(await log.ReadMessageEventsAsync("msg-log", DateTimeOffset.UtcNow - TimeSpan.FromDays(1)));
        Assert.Equal(data, stored.Data);
        await using var command = database.DataSource.CreateCommand("SELECT headers::json->>'X-Note', headers::json->>'Accept-Language', headers FROM observations WHERE observation_id = $1");
        command.Parameters.AddWithValue(entry.Observation.Id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("naïve", "fr-FR"), (reader.GetString(0), reader.GetString(1)));
        Assert.Equal(JsonSerializer.Serialize(entry.Observation.Headers), reader.GetString(2));
    }

    [Fact]
    public async Task A_hit_the_database_refuses_fails_and_the_next_commit_still_succeeds()
    {
        var rejected = Entry() with { RouteId = null! };

        await Assert.ThrowsAsync<EntryRefusedException>(() => log.AppendAsync(rejected));
        var next = Entry();
        await log.AppendAsync(next);

        Assert.Equal(0, await RowsAsync(rejected.Observation.Id));
        Assert.Equal(1, await RowsAsync(next.Observation.Id));
    }

    [Fact]
    public async Task Stopping_commits_every_accepted_hit_and_refuses_later_ones()
    {
        var accepted = Enumerable.Range(0, 200).Select(i => log.AppendAsync(Entry(recipientIndex: i))).ToList();

        await log.StopAsync(CancellationToken.None);
        await Task.WhenAll(accepted);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => log.AppendAsync(Entry()));

        Assert.Equal(200, await AllRowsAsync());
        Assert.Contains("shutting down", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_history_gives_counted_hits_before_a_time_as_totals_and_every_hit_since_in_order()
    {
        var since = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(10);
        var old = new[]
        {
            Entry(0, since - TimeSpan.FromHours(2)),
            Entry(0, since - TimeSpan.FromHours(1)),
            Entry(0, since - TimeSpan.FromHours(3), TrackingKind.Click),
            Entry(1, since - TimeSpan.FromHours(1)) with { Verdict = BotVerdict.Genuine with { CountsForMetrics = false } },
        };
        var recent = new[] { Entry(1, since + TimeSpan.FromMinutes(2)), Entry(0, since) with { Verdict = BotVerdict.Genuine with { CountsForMetrics = false } } };
        await Task.WhenAll([.. old.Concat(recent).Select(e => log.AppendAsync(e))]);

        var history = await log.ReadEngagementAsync("msg-log", since - TimeSpan.FromHours(3), since);

        Assert.Equal(
            [new CountedTotal(0, EventTypes.Clicked, 1, Micros(since - TimeSpan.FromHours(3))), new CountedTotal(0, EventTypes.Opened, 2, Micros(since - TimeSpan.FromHours(2)))],
            history.Totals.OrderBy(t => t.EventType));
        Assert.Equal(
            [new LoggedHit(recent[1].Observation.Id, EventTypes.Opened, 0, Micros(since), false), new LoggedHit(recent[0].Observation.Id, EventTypes.Opened, 1, Micros(since + TimeSpan.FromMinutes(2)), true)],
            history.Hits);
        Assert.Empty((await log.ReadEngagementAsync("msg-none", since - TimeSpan.FromHours(3), since)).Hits);
    }

    [Fact]
    public async Task The_log_knows_an_observation_by_its_id_and_received_time()
    {
        var entry = Entry(0, DateTimeOffset.UtcNow - TimeSpan.FromDays(1) + TimeSpan.FromTicks(3));
        await log.AppendAsync(entry);

        Assert.True(await log.ContainsAsync(entry.Observation.Id, entry.Observation.ReceivedAt));
        Assert.False(await log.ContainsAsync(Guid.NewGuid(), entry.Observation.ReceivedAt));
        Assert.False(await log.ContainsAsync(entry.Observation.Id, entry.Observation.ReceivedAt + TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_hit_revises_the_unsettled_hits_of_every_day_it_names_and_leaves_settled_ones_alone()
    {
        var unsettled = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5);
        var yesterday = Entry(0, DateTimeOffset.UtcNow - TimeSpan.FromDays(1)) with { SettlesAt = unsettled };
        var today = Entry(1, DateTimeOffset.UtcNow) with { SettlesAt = unsettled };
        var settled = Entry(2, DateTimeOffset.UtcNow - TimeSpan.FromHours(1)) with { SettlesAt = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1) };
        EngagementEntry[] earlier = [yesterday, today, settled];
        Assert.All(await Task.WhenAll(earlier.Select(e => log.AppendAsync(e))), Assert.Empty);

        var revised = await log.AppendAsync(Entry(3) with { Revisions = [.. earlier.Select(Scanner)] });

        Assert.Equal(new[] { yesterday.Observation.Id, today.Observation.Id }.Order(), revised.Order());
        Assert.Equal(["security_scanner", "security_scanner", "genuine", "genuine"], await ClassificationsAsync());
    }

    [Fact]
    public async Task A_hit_revises_an_earlier_hit_that_shares_its_commit()
    {
        var earlier = Entry(0) with { SettlesAt = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5) };
        var later = Entry(1) with { Revisions = [Scanner(earlier)] };

        var answers = await Task.WhenAll(await InOneCommitAsync(() => [log.AppendAsync(earlier), log.AppendAsync(later)]));

        Assert.Empty(answers[0]);
        Assert.Equal([earlier.Observation.Id], answers[1]);
        Assert.Equal(["security_scanner", "genuine", "genuine"], await ClassificationsAsync());
    }

    [Fact]
    public async Task A_hit_whose_revision_PostgreSQL_refuses_is_recorded_without_it()
    {
        var earlier = Entry(0) with { SettlesAt = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5) };
        await log.AppendAsync(earlier);

        // PostgreSQL refuses a NUL character in text, so the revision fails after the hit's row was inserted, and takes
        // the row with it; what it refuses cannot be written on a retry either, so the hit is written alone.
        var revision = Scanner(earlier) with { Verdict = BotVerdict.Genuine with { Classification = "security\0scanner", Machine = true } };
        var revising = Entry(1) with { Revisions = [revision] };

        Assert.Empty(await log.AppendAsync(revising));
        Assert.Equal(1, await RowsAsync(revising.Observation.Id));
        Assert.Equal(["genuine", "genuine"], await ClassificationsAsync());
    }

    [Fact]
    public async Task A_hit_that_PostgreSQL_refuses_fails_alone_and_the_hits_of_its_commit_are_recorded()
    {
        var good = Enumerable.Range(0, 4).Select(i => Entry(i)).ToList();

        // PostgreSQL refuses a NUL character in text.
        var refused = Entry(4) with { Recipient = "r\0@example.com" };
        var appends = await InOneCommitAsync(() =>
            [log.AppendAsync(good[0]), log.AppendAsync(good[1]), log.AppendAsync(refused), log.AppendAsync(good[2]), log.AppendAsync(good[3])]);

        var refusal = await Assert.ThrowsAsync<EntryRefusedException>(() => appends[2]);
        Assert.Equal(PostgresErrorCodes.CharacterNotInRepertoire, Assert.IsType<PostgresException>(refusal.InnerException).SqlState);
        await Task.WhenAll(appends.Where((_, i) => i != 2));
        Assert.All(await Task.WhenAll(good.Select(e => RowsAsync(e.Observation.Id))), rows => Assert.Equal(1, rows));
        Assert.Equal(0, await RowsAsync(refused.Observation.Id));
    }

    private static EventRevision Scanner(EngagementEntry entry) => new(
        entry.Observation.Id,
        entry.Observation.ReceivedAt,
        BotVerdict.Genuine with { Detected = true, Classification = "security_scanner", Machine = true, CountsForMetrics = false });

    private async Task<List<string>> ClassificationsAsync()
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT classification FROM events WHERE message_id = 'msg-log' ORDER BY recipient_index");
        await using var reader = await command.ExecuteReaderAsync();
        var classifications = new List<string>();
        while (await reader.ReadAsync())
        {
            classifications.Add(reader.GetString(0));
        }

        return classifications;
    }

    /// <summary>
    /// Makes the appends that <paramref name="append"/> starts share one commit: the log, held by another session, keeps
    /// the committer on the commit before while they are queued.
    /// </summary>
    private async Task<Task<IReadOnlyList<Guid>>[]> InOneCommitAsync(Func<Task<IReadOnlyList<Guid>>[]> append)
    {
        await using var holder = await database.DataSource.OpenConnectionAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var lockLog = new NpgsqlCommand("LOCK TABLE events IN ACCESS EXCLUSIVE MODE", holder, hold))
        {
            await lockLog.ExecuteNonQueryAsync();
        }

        var before = log.AppendAsync(Entry(99));
        await UntilTheCommitterWaitsForTheLockAsync();
        var appends = append();
        await hold.RollbackAsync();
        await before;
        return appends;
    }

    private async Task UntilTheCommitterWaitsForTheLockAsync()
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO events%'");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The committer never waited for the lock.");
            await Task.Delay(10);
        }
    }

    // PostgreSQL keeps microseconds.
    private static DateTimeOffset Micros(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);

    private static EngagementEntry Entry(int recipientIndex = 0) => Entry(recipientIndex, DateTimeOffset.UtcNow);

    private static EngagementEntry Entry(int recipientIndex, DateTimeOffset receivedAt, TrackingKind kind = TrackingKind.Open)
    {
        var observation = new Observation(
            Guid.NewGuid(), kind, "msg-log", recipientIndex, 0, receivedAt, "GET", "203.0.113.5",
            "Mozilla/5.0", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["User-Agent"] = "Mozilla/5.0" });
        return new EngagementEntry(
            observation, "project-log", "route-log", null, $"r{recipientIndex}@example.com", FirstOfKind: true,
            BotVerdict.Genuine, ClientProfile.Unknown, """{"recipient": "r@example.com"}"""u8.ToArray(), null, DateTimeOffset.UtcNow);
    }

    private async Task<long> RowsAsync(Guid observationId)
    {
        await using var command = database.DataSource.CreateCommand("SELECT count(*) FROM events WHERE event_id = $1");
        command.Parameters.AddWithValue(observationId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> AllRowsAsync()
    {
        await using var command = database.DataSource.CreateCommand("SELECT count(*) FROM events WHERE message_id = 'msg-log'");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

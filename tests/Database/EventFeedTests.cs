using Engagement.Grains.Tracking;
using Engagement.Silo.EngagementLog;
using Engagement.Tests.Infrastructure;
using Npgsql;

namespace Engagement.Tests.Database;

public sealed class EventFeedTests : IAsyncLifetime
{
    private readonly FeedTestEvents events = new();

    private TestDatabase Database => events.Database;

    private PostgresEventFeed Feed => events.Feed;

    public Task InitializeAsync() => events.InitializeAsync();

    public Task DisposeAsync() => events.DisposeAsync();

    [Fact]
    public async Task Events_come_in_commit_order_after_the_cursor()
    {
        var first = await events.WriteAsync();
        var second = await events.WriteAsync();
        var third = await events.WriteAsync();
        await events.UntilWrittenAreBelowTheHorizonAsync();

        var all = await Feed.ReadAsync(FeedPosition.Start, 100);
        var rest = await Feed.ReadAsync(all[1].Position, 100);

        Assert.Equal([first, second, third], all.Select(e => e.EventId));
        Assert.Equal([third], rest.Select(e => e.EventId));
        Assert.Empty(await Feed.ReadAsync(all[2].Position, 100));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_read_walks_the_commit_order_index_even_when_the_events_after_the_cursor_are_newer_than_the_statistics(bool byRoute)
    {
        // Analysed with 24,000 events; 8,400 more since, as a day's partition is all day: the planner expects few after the cursor.
        await Database.ExecuteAsync("SELECT ensure_engagement_partitions(current_date - 1, 3)");
        await InsertEventsInTransactionsAsync(1000, 3000);
        await Database.ExecuteAsync("ANALYZE events");
        await InsertEventsInTransactionsAsync(3000, 3700);
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await PostgresEventFeed.BeginReadAsync(connection, transaction);
        await using var read = await PostgresEventFeed.ReadCommandAsync(
            connection, transaction, new FeedPosition(2999, Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff")), 1000, byRoute ? "rt_feed" : null, withPayloads: false);
        read.CommandText = "EXPLAIN " + read.CommandText;

        var ordered = await PlanAsync(read);
        await using var elsewhere = await Database.DataSource.OpenConnectionAsync();
        await using var unordered = read.Clone();
        unordered.Connection = elsewhere;
        unordered.Transaction = null;
        var sorted = await PlanAsync(unordered);

        Assert.Contains("Sort  (", sorted);
        Assert.DoesNotContain("Sort  (", ordered);
        Assert.Contains("Index", ordered);
    }

    private async Task InsertEventsInTransactionsAsync(int fromTransaction, int toTransaction) => await Database.ExecuteAsync($"""
        INSERT INTO events (event_id, occurred_at, project_id, route_id, message_id, recipient_index, recipient, event_type,
                            first_of_kind, machine, counts_for_metrics, classification, data, settles_at, xact_id)
        SELECT gen_random_uuid(), now(), 'p', 'rt_feed', 'm' || (i % 50), 0, 'r@example.org', 'message.opened',
               false, false, true, 'genuine', repeat('x', 900), now(), (i / 12)::text::xid8
          FROM generate_series({fromTransaction * 12}, {toTransaction * 12 - 1}) i
        """);

    private static async Task<string> PlanAsync(NpgsqlCommand explain)
    {
        await using var reader = await explain.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Each_connection_plans_the_read_once_and_that_plan_walks_the_commit_order_index(bool byRoute)
    {
        // Forty days of partitions, as a kept log has (ninety by default): a plan per read would cover them all each time.
        await Database.ExecuteAsync("SELECT ensure_engagement_partitions(current_date - 39, 41)");
        for (var written = 0; written < 8; written++)
        {
            await events.WriteAsync();
        }

        await events.UntilWrittenAreBelowTheHorizonAsync();
        await using var oneSession = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { MaxPoolSize = 1 }.ConnectionString);
        var reads = new PostgresEventFeed(oneSession);

        var after = FeedPosition.Start;
        for (var times = 0; times < 7; times++)
        {
            after = Assert.Single(await reads.ReadAsync(after, 1, byRoute ? "rt_a" : null, withPayloads: byRoute)).Position;
        }

        await using var connection = await oneSession.OpenConnectionAsync();
        await using var statements = new NpgsqlCommand(
            "SELECT name, generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%FROM events%'", connection);
        await using var reader = await statements.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var (name, generic, custom) = (reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2));
        Assert.False(await reader.ReadAsync());
        await reader.CloseAsync();
        Assert.Equal((7, 0), (generic, custom));

        // Building the read's command sets its settings in this transaction, under which EXECUTE takes the cached plan.
        await using var transaction = await connection.BeginTransactionAsync();
        await PostgresEventFeed.BeginReadAsync(connection, transaction);
        await using var read = await PostgresEventFeed.ReadCommandAsync(connection, transaction, after, 1, byRoute ? "rt_a" : null, withPayloads: byRoute);
        var route = byRoute ? ", 'rt_a'" : "";
        var plan = await PlanAsync(new NpgsqlCommand($"EXPLAIN EXECUTE {name}('0', '{Guid.Empty}', 1000, '1 second'{route})", connection, transaction));
        Assert.DoesNotContain("Sort  (", plan);
        Assert.Contains("Index", plan);
    }

    [Fact]
    public async Task A_hit_replayed_into_an_old_days_partition_is_read_after_the_cursor_in_commit_order()
    {
        await Database.ExecuteAsync("SELECT ensure_engagement_partitions(current_date - 39, 41)");
        var today = await events.WriteAsync();
        await events.UntilWrittenAreBelowTheHorizonAsync();
        var cursor = (await Feed.ReadAsync(FeedPosition.Start, 100))[^1].Position;

        var replayed = await events.WriteAsync(age: TimeSpan.FromDays(30));
        var later = await events.WriteAsync();
        await events.UntilWrittenAreBelowTheHorizonAsync();

        Assert.Equal([today, replayed, later], (await Feed.ReadAsync(FeedPosition.Start, 100)).Select(e => e.EventId));
        Assert.Equal([replayed, later], (await Feed.ReadAsync(cursor, 100)).Select(e => e.EventId));
        Assert.Equal([replayed, later], (await Feed.ReadAsync(cursor, 100, "rt_a")).Select(e => e.EventId));
    }

    [Fact]
    public async Task An_event_still_being_written_holds_back_events_that_committed_after_it_began()
    {
        await using var slow = await Database.DataSource.OpenConnectionAsync();
        await using var transaction = await slow.BeginTransactionAsync();
        var early = await events.WriteAsync(slow);
        var late = await events.WriteAsync();

        var whileOpen = await Feed.ReadAsync(FeedPosition.Start, 100);
        await transaction.CommitAsync();
        await events.UntilWrittenAreBelowTheHorizonAsync();
        var afterCommit = await Feed.ReadAsync(FeedPosition.Start, 100);

        Assert.Empty(whileOpen);
        Assert.Equal([early, late], afterCommit.Select(e => e.EventId));
    }

    [Fact]
    public async Task A_read_without_payloads_still_carries_the_destination()
    {
        await events.WriteAsync(data: """{"destination_url": "https://shop.example/a?b=1&c=2", "subject": "Sale"}""");
        await events.UntilWrittenAreBelowTheHorizonAsync();

        var full = Assert.Single(await Feed.ReadAsync(FeedPosition.Start, 100));
        var counts = Assert.Single(await Feed.ReadAsync(FeedPosition.Start, 100, withPayloads: false));

        Assert.Equal("https://shop.example/a?b=1&c=2", full.DestinationUrl);
        Assert.Contains("\"subject\": \"Sale\"", full.Data, StringComparison.Ordinal);
        Assert.Equal("https://shop.example/a?b=1&c=2", counts.DestinationUrl);
        Assert.Null(counts.Data);
    }

    [Fact]
    public async Task A_read_stops_at_the_first_event_whose_verdict_has_not_settled()
    {
        var settled = await events.WriteAsync();
        await events.WriteAsync(settlesIn: TimeSpan.FromMinutes(1));
        await events.WriteAsync();
        await events.UntilWrittenAreBelowTheHorizonAsync();

        var read = await Feed.ReadAsync(FeedPosition.Start, 100);

        Assert.Equal([settled], read.Select(e => e.EventId));
    }

    [Fact]
    public async Task A_route_filter_and_a_limit_narrow_the_read_without_skipping()
    {
        var ours = await events.WriteAsync(route: "rt_ours");
        await events.WriteAsync(route: "rt_theirs");
        var oursAgain = await events.WriteAsync(route: "rt_ours");
        await events.UntilWrittenAreBelowTheHorizonAsync();

        var firstPage = await Feed.ReadAsync(FeedPosition.Start, 1, "rt_ours");
        var secondPage = await Feed.ReadAsync(firstPage[0].Position, 1, "rt_ours");

        Assert.Equal([ours], firstPage.Select(e => e.EventId));
        Assert.Equal([oursAgain], secondPage.Select(e => e.EventId));
        Assert.Equal("rt_ours", secondPage[0].RouteId);
    }

    [Fact]
    public async Task A_new_consumer_starts_after_the_events_already_written()
    {
        await events.WriteAsync();
        await events.UntilWrittenAreBelowTheHorizonAsync();
        var head = await Feed.HeadAsync();
        var next = await events.WriteAsync();
        await events.UntilWrittenAreBelowTheHorizonAsync();

        Assert.Equal([next], (await Feed.ReadAsync(head, 100)).Select(e => e.EventId));
    }
}

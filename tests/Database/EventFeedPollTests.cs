using Engagement.Grains.Tracking;
using Engagement.Silo.EngagementLog;
using Engagement.Tests.Infrastructure;

namespace Engagement.Tests.Database;

/// <summary>
/// Polls of the feed that need not read the log: after a read that took everything below the horizon, until a
/// transaction moves it. Alone on the server, since any other test's transaction moves the cluster-wide horizon.
/// </summary>
[Collection(ExclusiveDatabaseCollection.Name)]
public sealed class EventFeedPollTests : IAsyncLifetime
{
    private readonly FeedTestEvents events = new();

    private TestDatabase Database => events.Database;

    private PostgresEventFeed Feed => events.Feed;

    public Task InitializeAsync() => events.InitializeAsync();

    public Task DisposeAsync() => events.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("rt_a")]
    public async Task A_poll_after_one_that_took_everything_below_the_horizon_does_not_read_the_log_until_something_is_written(string? route)
    {
        await events.WriteAsync();
        await events.UntilWrittenAreBelowTheHorizonAsync();
        var read = await Feed.ReadAsync(FeedPosition.Start, 100, route);
        var end = Assert.Single(read).Position;

        // A session that holds the log locked without writing to it (a lock of this strength takes the next transaction
        // id, which the horizon already is): a poll that read the log now would wait for it.
        await using (var connection = await Database.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "LOCK TABLE events IN ACCESS EXCLUSIVE MODE";
                await command.ExecuteNonQueryAsync();
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            Assert.Empty(await Feed.ReadAsync(end, 100, route, cancellationToken: patience.Token));
        }

        var next = await events.WriteAsync();
        await events.UntilWrittenAreBelowTheHorizonAsync();
        Assert.Equal([next], (await Feed.ReadAsync(end, 100, route)).Select(e => e.EventId));
    }

    [Fact]
    public async Task An_event_that_was_not_settled_at_the_last_poll_is_read_once_it_is_though_nothing_was_written_since()
    {
        var settling = await events.WriteAsync(settlesIn: TimeSpan.FromSeconds(0.5));
        await events.UntilWrittenAreBelowTheHorizonAsync();
        Assert.Empty(await Feed.ReadAsync(FeedPosition.Start, 100));

        // The feed takes an event a second after it settles.
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal([settling], (await Feed.ReadAsync(FeedPosition.Start, 100)).Select(e => e.EventId));
    }

    [Fact]
    public async Task A_full_batch_does_not_stop_the_next_poll_from_reading_the_rest()
    {
        var written = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            written.Add(await events.WriteAsync());
        }

        await events.UntilWrittenAreBelowTheHorizonAsync();
        var first = await Feed.ReadAsync(FeedPosition.Start, 2);
        var rest = await Feed.ReadAsync(first[^1].Position, 2);

        Assert.Equal(written, first.Concat(rest).Select(e => e.EventId));
    }
}

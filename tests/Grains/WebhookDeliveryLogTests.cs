using Engagement.Contracts.Webhooks;
using Engagement.Grains.Tracking;
using Engagement.Grains.Webhooks;
using Engagement.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Engagement.Tests.Grains;

/// <summary>The durable delivery queue on the real PostgreSQL, with a fake clock driving the retry schedule.</summary>
public sealed class WebhookDeliveryLogTests : IAsyncLifetime
{
    private const string Webhook = "wh_00000000000000000000000000000001";
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
    private TestDatabase database = null!;
    private DeliveryLog log = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        log = new DeliveryLog(database.DataSource);
        await log.StartCursorAsync(Webhook, FeedPosition.Start);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Queuing_a_batch_again_after_a_crash_queues_each_event_once_and_never_moves_the_cursor_back()
    {
        var events = new[] { Event(5), Event(6) };

        await log.EnqueueAsync(Webhook, events, events[1].Position, clock.GetUtcNow());
        await log.EnqueueAsync(Webhook, events, events[1].Position, clock.GetUtcNow());
        await log.EnqueueAsync(Webhook, [], events[0].Position, clock.GetUtcNow());

        Assert.Equal(2, (await log.TakeDueAsync(Webhook, clock.GetUtcNow(), 10)).Count);
        Assert.Equal(events[1].Position, await log.ReadCursorAsync(Webhook));
    }

    [Fact]
    public async Task A_failed_delivery_comes_due_again_only_at_each_retry_time_and_fails_for_good_after_the_last()
    {
        var schedule = new RetrySchedule(RetrySchedule.StandardDelays);
        var random = new Random(42);
        var queuedAt = clock.GetUtcNow();
        await log.EnqueueAsync(Webhook, [Event(1)], Event(1).Position, queuedAt);

        for (var attempt = 1; attempt <= schedule.Retries + 1; attempt++)
        {
            var due = Assert.Single(await log.TakeDueAsync(Webhook, clock.GetUtcNow(), 10));
            Assert.Equal(attempt - 1, due.RoundAttempts);
            var wait = schedule.DelayAfter(attempt, null, random);
            await log.RecordAsync(due.Id, Failure(), wait is null ? DeliveryLog.Failed : DeliveryLog.Pending, clock.GetUtcNow() + wait);
            if (wait is null)
            {
                break;
            }

            clock.Advance(wait.Value - TimeSpan.FromSeconds(1));
            Assert.Empty(await log.TakeDueAsync(Webhook, clock.GetUtcNow(), 10));
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var elapsed = clock.GetUtcNow() - queuedAt;
        clock.Advance(TimeSpan.FromDays(7));
        Assert.Empty(await log.TakeDueAsync(Webhook, clock.GetUtcNow(), 10));
        Assert.InRange(elapsed, TimeSpan.FromHours(44.6 * 0.8), TimeSpan.FromHours(44.6 * 1.2));
        var delivery = Assert.Single((await log.PageAsync(Webhook, null, 10)).Deliveries);
        Assert.Equal(DeliveryLog.Failed, delivery.State);
        Assert.Equal(9, delivery.Attempts.Count);
    }

    [Fact]
    public async Task A_replayed_delivery_is_due_at_once_with_a_fresh_schedule_and_keeps_its_history()
    {
        await log.EnqueueAsync(Webhook, [Event(1)], Event(1).Position, clock.GetUtcNow());
        var due = Assert.Single(await log.TakeDueAsync(Webhook, clock.GetUtcNow(), 10));
        await log.RecordAsync(due.Id, Failure(), DeliveryLog.Failed, null);

        var replayed = await log.ReplayAsync(Webhook, due.Id, clock.GetUtcNow());

        Assert.Equal(DeliveryLog.Pending, replayed!.State);
        Assert.Single(replayed.Attempts);
        Assert.Equal(0, Assert.Single(await log.TakeDueAsync(Webhook, clock.GetUtcNow(), 10)).RoundAttempts);
        Assert.Null(await log.ReplayAsync("wh_00000000000000000000000000000002", due.Id, clock.GetUtcNow()));
    }

    [Fact]
    public async Task Pages_run_newest_first_without_gaps()
    {
        var events = Enumerable.Range(1, 5).Select(i => Event((ulong)i)).ToList();
        await log.EnqueueAsync(Webhook, events, events[^1].Position, clock.GetUtcNow());

        var first = await log.PageAsync(Webhook, null, 2);
        var second = await log.PageAsync(Webhook, first.Before, 2);
        var last = await log.PageAsync(Webhook, second.Before, 2);

        var ids = first.Deliveries.Concat(second.Deliveries).Concat(last.Deliveries).Select(d => d.EventId).ToList();
        Assert.Equal(events.Select(e => "evt_" + e.EventId.ToString("N")).Reverse(), ids);
        Assert.Null(last.Before);
    }

    private WebhookAttempt Failure() => new(clock.GetUtcNow(), 503, 12, "down", null);

    private static FeedEvent Event(ulong transaction) => WebhookEvents.Opened(transaction);
}

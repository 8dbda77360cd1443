using Engagement.Contracts.Webhooks;
using Engagement.Grains.Tracking;
using Engagement.Grains.Webhooks;
using Engagement.Tests.Infrastructure;

namespace Engagement.Tests.Grains;

/// <summary>The durable delivery queue on the real PostgreSQL, with a fake clock driving the retry schedule.</summary>
public sealed class WebhookDeliveryLogTests() : DeliveryLogTest(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero))
{
    [Fact]
    public async Task Queuing_a_batch_again_after_a_crash_queues_each_event_once_and_never_moves_the_cursor_back()
    {
        var events = new[] { Event(5), Event(6) };

        await EnqueueAsync(events, events[1].Position, Clock.GetUtcNow());
        await EnqueueAsync(events, events[1].Position, Clock.GetUtcNow());
        await EnqueueAsync([], events[0].Position, Clock.GetUtcNow());

        Assert.Equal(2, (await Log.TakeDueAsync(Webhook, Clock.GetUtcNow(), 10)).Count);
        Assert.Equal(events[1].Position, await Log.ReadCursorAsync(Webhook));
    }

    [Fact]
    public async Task A_failed_delivery_comes_due_again_only_at_each_retry_time_and_fails_for_good_after_the_last()
    {
        var schedule = new RetrySchedule(RetrySchedule.StandardDelays);
        var random = new Random(42);
        var queuedAt = Clock.GetUtcNow();
        await EnqueueAsync([Event(1)], Event(1).Position, queuedAt);

        for (var attempt = 1; attempt <= schedule.Retries + 1; attempt++)
        {
            var due = Assert.Single(await Log.TakeDueAsync(Webhook, Clock.GetUtcNow(), 10));
            Assert.Equal(attempt - 1, due.RoundAttempts);
            var wait = schedule.DelayAfter(attempt, null, random);
            await Log.RecordAsync(due.Id, Failure(), wait is null ? DeliveryLog.Failed : DeliveryLog.Pending, Clock.GetUtcNow() + wait);
            if (wait is null)
            {
                break;
            }

            Clock.Advance(wait.Value - TimeSpan.FromSeconds(1));
            Assert.Empty(await Log.TakeDueAsync(Webhook, Clock.GetUtcNow(), 10));
            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var elapsed = Clock.GetUtcNow() - queuedAt;
        Clock.Advance(TimeSpan.FromDays(7));
        Assert.Empty(await Log.TakeDueAsync(Webhook, Clock.GetUtcNow(), 10));
        Assert.InRange(elapsed, TimeSpan.FromHours(44.6 * 0.8), TimeSpan.FromHours(44.6 * 1.2));
        var delivery = Assert.Single((await Log.PageAsync(Webhook, null, 10)).Deliveries);
        Assert.Equal(DeliveryLog.Failed, delivery.State);
        Assert.Equal(9, delivery.Attempts.Count);
    }

    [Fact]
    public async Task A_replayed_delivery_is_due_at_once_with_a_fresh_schedule_and_keeps_its_history()
    {
        await EnqueueAsync([Event(1)], Event(1).Position, Clock.GetUtcNow());
        var due = Assert.Single(await Log.TakeDueAsync(Webhook, Clock.GetUtcNow(), 10));
        await Log.RecordAsync(due.Id, Failure(), DeliveryLog.Failed, null);

        var replayed = await Log.ReplayAsync(Webhook, due.Id, Clock.GetUtcNow());

        Assert.Equal(DeliveryLog.Pending, replayed!.State);
        Assert.Single(replayed.Attempts);
        Assert.Equal(0, Assert.Single(await Log.TakeDueAsync(Webhook, Clock.GetUtcNow(), 10)).RoundAttempts);
        Assert.Null(await Log.ReplayAsync("wh_00000000000000000000000000000002", due.Id, Clock.GetUtcNow()));
    }

    [Fact]
    public async Task Pages_run_newest_first_without_gaps()
    {
        var events = Enumerable.Range(1, 5).Select(i => Event((ulong)i)).ToList();
        await EnqueueAsync(events, events[^1].Position, Clock.GetUtcNow());

        var first = await Log.PageAsync(Webhook, null, 2);
        var second = await Log.PageAsync(Webhook, first.Before, 2);
        var last = await Log.PageAsync(Webhook, second.Before, 2);

        var ids = first.Deliveries.Concat(second.Deliveries).Concat(last.Deliveries).Select(d => d.EventId).ToList();
        Assert.Equal(events.Select(e => "evt_" + e.EventId.ToString("N")).Reverse(), ids);
        Assert.Null(last.Before);
    }

    private WebhookAttempt Failure() => new(Clock.GetUtcNow(), 503, 12, "down", null);

    private static FeedEvent Event(ulong transaction) => WebhookEvents.Opened(transaction);
}

using Engagement.Contracts.Webhooks;
using Engagement.Grains.Privacy;
using Engagement.Grains.Tracking;
using Engagement.Grains.Webhooks;
using Engagement.Silo.Privacy;
using Engagement.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Engagement.Tests.Database;

/// <summary>
/// Webhook deliveries delivered or failed for good more than 30 days ago are deleted with their attempts;
/// pending ones (never tried, retrying, replayed) never are, however old.
/// </summary>
public sealed class DeliveryRetentionTests() : DeliveryLogTest(new DateTimeOffset(2026, 10, 1, 10, 0, 0, TimeSpan.Zero))
{
    [Fact]
    public async Task Deliveries_finished_over_30_days_ago_go_with_their_attempts_and_pending_or_younger_ones_stay()
    {
        await EnqueueAsync([Event(1), Event(2), Event(3), Event(4)], Event(4).Position, Clock.GetUtcNow());
        var due = await Log.TakeDueAsync(Webhook, Clock.GetUtcNow(), 10);
        await Log.RecordAsync(due[0].Id, Answer(200), DeliveryLog.Delivered, null);
        await Log.RecordAsync(due[1].Id, Answer(503), DeliveryLog.Pending, Clock.GetUtcNow());
        await Log.RecordAsync(due[1].Id, Answer(410), DeliveryLog.Failed, null);
        await Log.RecordAsync(due[2].Id, Answer(503), DeliveryLog.Pending, Clock.GetUtcNow() + TimeSpan.FromDays(1));
        Clock.Advance(TimeSpan.FromDays(29));
        await EnqueueAsync([Event(5)], Event(5).Position, Clock.GetUtcNow());
        await Log.RecordAsync(Assert.Single(await Log.TakeDueAsync(Webhook, Clock.GetUtcNow(), 1)).Id, Answer(200), DeliveryLog.Delivered, null);
        Clock.Advance(TimeSpan.FromDays(2));

        var deleted = await Retention().RunAsync();

        Assert.Equal((2L, 3L), deleted);
        Assert.Equal([EventId(5), EventId(4), EventId(3)], await RemainingEventsAsync());
        Assert.Equal(2L, await Database.ScalarAsync<long>("SELECT count(*) FROM webhook_attempts"));
        Assert.Equal((0L, 0L), await Retention().RunAsync());
    }

    [Fact]
    public async Task A_replayed_delivery_is_kept_until_30_days_after_it_finishes_again()
    {
        await EnqueueAsync([Event(1)], Event(1).Position, Clock.GetUtcNow());
        var delivery = Assert.Single(await Log.TakeDueAsync(Webhook, Clock.GetUtcNow(), 1)).Id;
        await Log.RecordAsync(delivery, Answer(200), DeliveryLog.Delivered, null);
        Clock.Advance(TimeSpan.FromDays(40));

        await Log.ReplayAsync(Webhook, delivery, Clock.GetUtcNow());
        var whileReplayed = await Retention().RunAsync();
        await Log.RecordAsync(delivery, Answer(200), DeliveryLog.Delivered, null);
        Clock.Advance(TimeSpan.FromDays(29));
        var monthLater = await Retention().RunAsync();
        Clock.Advance(TimeSpan.FromDays(2));
        var pastRetention = await Retention().RunAsync();

        Assert.Equal((0L, 0L), whileReplayed);
        Assert.Equal((0L, 0L), monthLater);
        Assert.Equal((1L, 2L), pastRetention);
    }

    [Fact]
    public async Task The_retention_follows_the_setting()
    {
        await EnqueueAsync([Event(1)], Event(1).Position, Clock.GetUtcNow());
        await Log.RecordAsync(Assert.Single(await Log.TakeDueAsync(Webhook, Clock.GetUtcNow(), 1)).Id, Answer(200), DeliveryLog.Delivered, null);
        Clock.Advance(TimeSpan.FromDays(8));

        Assert.Equal((0L, 0L), await Retention(TimeSpan.FromDays(9)).RunAsync());
        Assert.Equal((1L, 1L), await Retention(TimeSpan.FromDays(7)).RunAsync());
    }

    [Fact]
    public async Task A_backlog_of_several_batches_goes_in_one_run()
    {
        await Database.ScalarAsync<object>("""
            WITH d AS (
                INSERT INTO webhook_deliveries (delivery_id, webhook_id, event_id, event_type, body, created_at, state, finished_at)
                SELECT gen_random_uuid(), $1, gen_random_uuid(), 'message.opened', '{}', $2, 'delivered', $2 FROM generate_series(1, 2500)
                RETURNING delivery_id)
            INSERT INTO webhook_attempts (delivery_id, attempted_at, status_code, latency_ms)
            SELECT delivery_id, $2, 200, 5 FROM d
            RETURNING 'written'
            """, Webhook, (Clock.GetUtcNow() - TimeSpan.FromDays(60)).UtcDateTime);
        await EnqueueAsync([Event(1)], Event(1).Position, Clock.GetUtcNow() - TimeSpan.FromDays(60));

        var deleted = await Retention().RunAsync();

        Assert.Equal((2500L, 2500L), deleted);
        Assert.Equal([EventId(1)], await RemainingEventsAsync());
    }

    [Fact]
    public async Task Deliveries_finished_before_the_upgrade_count_as_finished_at_their_last_attempt()
    {
        await using var old = await TestDatabase.CreateAsync(migrate: false);
        await old.MigrateBeforeAsync("0009");

        await old.ScalarAsync<object>("""
            WITH d AS (
                INSERT INTO webhook_deliveries (delivery_id, webhook_id, event_id, event_type, body, created_at, state)
                VALUES ('00000000-0000-0000-0000-000000000001', $1, gen_random_uuid(), 'message.opened', '{}', '2026-09-01T00:00:00Z', 'failed'),
                       ('00000000-0000-0000-0000-000000000002', $1, gen_random_uuid(), 'message.opened', '{}', '2026-09-01T00:00:00Z', 'pending')
                RETURNING delivery_id)
            INSERT INTO webhook_attempts (delivery_id, attempted_at, latency_ms)
            SELECT delivery_id, at, 5 FROM d, (VALUES (timestamptz '2026-09-01T00:00:00Z'), ('2026-09-02T12:00:00Z')) AS a(at)
            RETURNING 'written'
            """, Webhook);

        await old.MigrateAsync();

        Assert.Equal(new DateTime(2026, 9, 2, 12, 0, 0, DateTimeKind.Utc), await old.ScalarAsync<DateTime>(
            "SELECT finished_at FROM webhook_deliveries WHERE delivery_id = '00000000-0000-0000-0000-000000000001'"));
        Assert.Equal(0L, await old.ScalarAsync<long>(
            "SELECT count(*) FROM webhook_deliveries WHERE delivery_id = '00000000-0000-0000-0000-000000000002' AND finished_at IS NOT NULL"));
    }

    private PostgresDeliveryRetention Retention(TimeSpan? retention = null) =>
        new(Database.DataSource, Options.Create(new RetentionOptions { DeliveryRetention = retention ?? new RetentionOptions().DeliveryRetention }), Clock);

    private async Task<List<string>> RemainingEventsAsync() =>
        (await Log.PageAsync(Webhook, null, 100)).Deliveries.Select(d => d.EventId).ToList();

    private WebhookAttempt Answer(int status) => new(Clock.GetUtcNow(), status, 12, null, null);

    private static string EventId(ulong transaction) => WebhookEvents.EnvelopeId(transaction);

    private static FeedEvent Event(ulong transaction) => WebhookEvents.Opened(transaction);
}

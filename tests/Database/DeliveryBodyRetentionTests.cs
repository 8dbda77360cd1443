using Engagement.Contracts.Webhooks;
using Engagement.Grains.Privacy;
using Engagement.Grains.Tracking;
using Engagement.Grains.Webhooks;
using Engagement.Silo.Privacy;
using Engagement.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Engagement.Tests.Database;

/// <summary>
/// Webhook delivery bodies queued more than 28 days ago lose the user agent, as events do, whatever the delivery's
/// state; the recipient stays, as it does in events. Younger bodies are not touched, nor minimised ones again.
/// </summary>
public sealed class DeliveryBodyRetentionTests() : DeliveryLogTest(new DateTimeOffset(2026, 10, 1, 10, 0, 0, TimeSpan.Zero))
{
    private const string Data = """{"message_id":"msg_a","subject":"Café","recipient":"ann@example.org","user_agent":"Mozilla/5.0 (X11)","bot":{"machine":false}}""";
    private const string MinimisedData = """{"message_id":"msg_a","subject":"Café","recipient":"ann@example.org","bot":{"machine":false}}""";

    [Fact]
    public async Task Bodies_queued_over_28_days_ago_lose_the_user_agent_and_keep_everything_else()
    {
        await EnqueueAsync([Event(1), Event(2)], Event(2).Position, Clock.GetUtcNow());
        var delivered = (await Log.TakeDueAsync(Webhook, Clock.GetUtcNow(), 10))[0];
        await Log.RecordAsync(delivered.Id, new WebhookAttempt(Clock.GetUtcNow(), 200, 12, "got Mozilla/5.0 (X11)", null), DeliveryLog.Delivered, null);
        Clock.Advance(TimeSpan.FromDays(27));
        await EnqueueAsync([Event(3)], Event(3).Position, Clock.GetUtcNow());
        var young = (await Log.TakeDueAsync(Webhook, Clock.GetUtcNow(), 10)).Single(d => d.EventId == WebhookEvents.EnvelopeId(3));
        await Log.RecordAsync(young.Id, new WebhookAttempt(Clock.GetUtcNow(), 500, 12, "busy", null), DeliveryLog.Pending, Clock.GetUtcNow());
        Clock.Advance(TimeSpan.FromDays(2));

        var minimised = await Retention().RunAsync();
        var again = await Retention().RunAsync();

        Assert.Equal((2L, 0L), (minimised, again));
        Assert.Equal(Body(1, MinimisedData), await BodyAsync(1));
        Assert.Equal(Body(2, MinimisedData), await BodyAsync(2));
        Assert.Equal(Body(3, Data), await BodyAsync(3));
        Assert.Equal(["busy"], await AnswersAsync());
        Assert.Equal("msg_a", await Database.ScalarAsync<string>("SELECT message_id FROM webhook_deliveries WHERE event_id = $1", Event(3).EventId));

        Clock.Advance(TimeSpan.FromDays(27));
        Assert.Equal(1L, await Retention().RunAsync());
        Assert.Equal(Body(3, MinimisedData), await BodyAsync(3));
    }

    [Fact]
    public async Task A_backlog_of_several_batches_goes_in_one_run()
    {
        await Database.ScalarAsync<object>("""
            INSERT INTO webhook_deliveries (delivery_id, webhook_id, event_id, event_type, body, created_at, state, message_id)
            SELECT gen_random_uuid(), $1, gen_random_uuid(), 'message.opened', $2, $3, 'pending', 'msg_a' FROM generate_series(1, 2500)
            RETURNING 'written'
            """, Webhook, Body(1, Data), (Clock.GetUtcNow() - TimeSpan.FromDays(40)).UtcDateTime);

        Assert.Equal(2500L, await Retention().RunAsync());
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM webhook_deliveries WHERE body LIKE '%user_agent%' OR minimised_at IS NULL"));
    }

    [Fact]
    public async Task The_horizon_follows_the_raw_data_setting()
    {
        await EnqueueAsync([Event(1)], Event(1).Position, Clock.GetUtcNow());
        Clock.Advance(TimeSpan.FromDays(8));

        Assert.Equal(0L, await Retention(TimeSpan.FromDays(9)).RunAsync());
        Assert.Equal(1L, await Retention(TimeSpan.FromDays(7)).RunAsync());
    }

    [Fact]
    public async Task Deliveries_queued_before_the_upgrade_get_their_message_from_the_body()
    {
        await using var old = await TestDatabase.CreateAsync(migrate: false);
        await old.MigrateBeforeAsync("0010");
        await old.ScalarAsync<object>("""
            INSERT INTO webhook_deliveries (delivery_id, webhook_id, event_id, event_type, body, created_at, state)
            VALUES (gen_random_uuid(), $1, gen_random_uuid(), 'message.opened', $2, '2026-09-01T00:00:00Z', 'delivered')
            RETURNING 'written'
            """, Webhook, Body(1, Data));

        await old.MigrateAsync();

        Assert.Equal("msg_a", await old.ScalarAsync<string>("SELECT message_id FROM webhook_deliveries"));
        Assert.Equal(0L, await old.ScalarAsync<long>("SELECT count(*) FROM webhook_deliveries WHERE minimised_at IS NOT NULL"));
    }

    private PostgresDeliveryBodyRetention Retention(TimeSpan? retention = null) =>
        new(Database.DataSource, Options.Create(new RetentionOptions { RawDataRetention = retention ?? new RetentionOptions().RawDataRetention }), Clock);

    private async Task<string> BodyAsync(ulong transaction) =>
        await Database.ScalarAsync<string>("SELECT body FROM webhook_deliveries WHERE event_id = $1", Event(transaction).EventId);

    private static string Body(ulong transaction, string data) => WebhookPayload.Of(Event(transaction) with { Data = data });

    private async Task<List<string>> AnswersAsync()
    {
        await using var command = Database.DataSource.CreateCommand("SELECT response_body FROM webhook_attempts WHERE response_body IS NOT NULL");
        await using var reader = await command.ExecuteReaderAsync();
        var answers = new List<string>();
        while (await reader.ReadAsync())
        {
            answers.Add(reader.GetString(0));
        }

        return answers;
    }

    private static FeedEvent Event(ulong transaction) => WebhookEvents.Opened(transaction) with { Data = Data };
}

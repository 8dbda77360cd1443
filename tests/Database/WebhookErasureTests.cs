using System.Text.Json;
using Engagement.Grains.Tracking;
using Engagement.Silo.Privacy;
using Engagement.Tests.Infrastructure;
using Npgsql;

namespace Engagement.Tests.Database;

/// <summary>
/// An erasure racing a webhook that read the recipient's hit from the feed: whichever comes first, no delivery body
/// keeps the address.
/// </summary>
public sealed class WebhookErasureTests() : DeliveryLogTest(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero))
{
    private static readonly FeedEvent Hit = WebhookEvents.Opened(1) with
    {
        Data = """{"message_id":"msg_a","recipient":"ann@example.org","user_agent":"Mozilla/5.0 (X11)"}""",
    };

    [Fact]
    public async Task A_hit_erased_after_the_webhook_read_it_from_the_feed_is_not_queued()
    {
        await WebhookEvents.WriteAsync(Database, [Hit]);

        var erased = await Recipients().EraseHitsAsync("prj_a", ["msg_a"], "Ann@Example.org");
        await Log.EnqueueAsync(Webhook, [Hit], Hit.Position, Clock.GetUtcNow());

        Assert.Equal((1L, 0L), erased);
        Assert.Empty(await Log.TakeDueAsync(Webhook, Clock.GetUtcNow(), 10));
        Assert.Equal(Hit.Position, await Log.ReadCursorAsync(Webhook));
    }

    [Fact]
    public async Task An_erasure_that_meets_the_webhook_queuing_the_hit_waits_for_it_and_redacts_the_delivery()
    {
        await WebhookEvents.WriteAsync(Database, [Hit]);

        // Holding the webhook's cursor keeps the webhook's transaction open after it has queued the hit.
        await using var holder = await Database.DataSource.OpenConnectionAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var lockCursor = new NpgsqlCommand("SELECT FROM webhook_cursors WHERE webhook_id = $1 FOR UPDATE", holder))
        {
            lockCursor.Parameters.AddWithValue(Webhook);
            await lockCursor.ExecuteNonQueryAsync();
        }

        var queuing = Log.EnqueueAsync(Webhook, [Hit], Hit.Position, Clock.GetUtcNow());
        await Eventually.TrueAsync(async () => await WaitingForLocksAsync() == 1, TimeSpan.FromSeconds(10));
        var erasing = Recipients().EraseHitsAsync("prj_a", ["msg_a"], "ann@example.org");
        await Eventually.TrueAsync(async () => erasing.IsCompleted || await WaitingForLocksAsync() == 2, TimeSpan.FromSeconds(10));
        var finishedBeforeTheWebhook = erasing.IsCompleted;
        await hold.CommitAsync();
        await queuing;
        var erased = await erasing;

        Assert.False(finishedBeforeTheWebhook);
        Assert.Equal((1L, 1L), erased);
        var body = await Database.ScalarAsync<string>("SELECT body FROM webhook_deliveries WHERE event_id = $1", Hit.EventId);
        var data = JsonDocument.Parse(body).RootElement.GetProperty("data");
        Assert.Equal("", data.GetProperty("recipient").GetString());
        Assert.False(data.TryGetProperty("user_agent", out _));
    }

    [Fact]
    public async Task A_hit_that_lost_an_erased_address_after_the_webhook_read_it_is_queued_as_it_now_reads()
    {
        var bobs = WebhookEvents.Opened(2) with
        {
            Data = """{"message_id":"msg_a","subject":"Orders of ann@example.org","recipient":"bob@example.org","user_agent":"Mozilla/5.0 (X11)"}""",
        };
        await WebhookEvents.WriteAsync(Database, [bobs]);

        var redacted = await Recipients().RedactSharedContentAsync("prj_a", ["msg_a"], "ann@example.org");
        await Log.EnqueueAsync(Webhook, [bobs], bobs.Position, Clock.GetUtcNow());

        Assert.Equal(1L, redacted.Events);
        var body = await Database.ScalarAsync<string>("SELECT body FROM webhook_deliveries WHERE event_id = $1", bobs.EventId);
        var data = JsonDocument.Parse(body).RootElement.GetProperty("data");
        Assert.Equal(("Orders of ", "bob@example.org"), (data.GetProperty("subject").GetString(), data.GetProperty("recipient").GetString()));
        Assert.Equal("Mozilla/5.0 (X11)", data.GetProperty("user_agent").GetString());
    }

    private PostgresRecipientData Recipients() => new(Database.DataSource);

    private Task<long> WaitingForLocksAsync() =>
        Database.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()");
}

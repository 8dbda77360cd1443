using Engagement.Grains.Tracking;
using Engagement.Grains.Webhooks;
using Microsoft.Extensions.Time.Testing;

namespace Engagement.Tests.Infrastructure;

/// <summary>
/// Tests of one webhook's delivery log on a throwaway database, with its cursor started and a fake clock that begins
/// at <paramref name="start"/>.
/// </summary>
public abstract class DeliveryLogTest(DateTimeOffset start) : IAsyncLifetime
{
    protected const string Webhook = "wh_00000000000000000000000000000001";

    protected FakeTimeProvider Clock { get; } = new(start);

    protected TestDatabase Database { get; private set; } = null!;

    protected DeliveryLog Log { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Log = new DeliveryLog(Database.DataSource);
        await Log.StartCursorAsync(Webhook, FeedPosition.Start);
    }

    /// <summary>Writes the events into the engagement log, as the feed found them there, and queues them for the webhook.</summary>
    protected async Task EnqueueAsync(IReadOnlyList<FeedEvent> events, FeedPosition cursor, DateTimeOffset now)
    {
        await WebhookEvents.WriteAsync(Database, events);
        await Log.EnqueueAsync(Webhook, events, cursor, now);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

using Engagement.Grains.Tracking;

namespace Engagement.Tests.Infrastructure;

/// <summary>Settled feed events for tests of the webhook delivery tables, each at its own feed position.</summary>
public static class WebhookEvents
{
    public static FeedEvent Opened(ulong transaction)
    {
        var id = new Guid((int)transaction, 0, 0, new byte[8]);
        return new FeedEvent(new FeedPosition(transaction, id), id, EventTypes.Opened, DateTimeOffset.UnixEpoch, "prj_a", "rt_a", null,
            "msg_a", 0, "ann@example.org", null, true, false, true, "genuine", null, null, null, null, """{"message_id": "msg_a"}""");
    }

    /// <summary>The id the delivery log shows for <see cref="Opened"/>'s event.</summary>
    public static string EnvelopeId(ulong transaction) => "evt_" + Opened(transaction).EventId.ToString("N");
}

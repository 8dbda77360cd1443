using System.Text.Json;
using Engagement.Contracts.Webhooks;
using Engagement.Grains.Tracking;
using Engagement.Grains.Webhooks;

namespace Engagement.Tests.Unit.Webhooks;

public sealed class WebhookPayloadTests
{
    [Fact]
    public void The_body_is_the_envelope_with_the_events_data_exactly()
    {
        var eventId = Guid.NewGuid();
        const string Data = """{"message_id":"msg_1","recipient":"ann@example.org","bot":{"machine":false}}""";
        var body = WebhookPayload.Of(Event(eventId, EventTypes.Clicked, countsForMetrics: true, Data));

        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("evt_" + eventId.ToString("N"), json.GetProperty("id").GetString());
        Assert.Equal("message.clicked", json.GetProperty("event").GetString());
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero), json.GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal(Data, json.GetProperty("data").GetRawText());
        Assert.Equal(["id", "event", "timestamp", "data"], json.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Counting_events_go_to_every_subscribed_webhook_machine_events_only_to_those_asking()
    {
        var human = Event(Guid.NewGuid(), EventTypes.Opened, countsForMetrics: true);
        var scanner = Event(Guid.NewGuid(), EventTypes.Opened, countsForMetrics: false);
        var click = Event(Guid.NewGuid(), EventTypes.Clicked, countsForMetrics: true);
        var opensOnly = new WebhookFilter([EventTypes.Opened], IncludeMachineEvents: false);
        var opensWithMachines = new WebhookFilter([EventTypes.Opened], IncludeMachineEvents: true);

        Assert.True(opensOnly.Accepts(human));
        Assert.False(opensOnly.Accepts(scanner));
        Assert.False(opensOnly.Accepts(click));
        Assert.True(opensWithMachines.Accepts(human));
        Assert.True(opensWithMachines.Accepts(scanner));
    }

    [Fact]
    public void Webhooks_offer_exactly_the_event_types_the_log_writes() =>
        Assert.Equal([EventTypes.Opened, EventTypes.Clicked], WebhookEventTypes.All);

    private static FeedEvent Event(Guid id, string type, bool countsForMetrics, string data = "{}") => new(
        new Engagement.Grains.Tracking.FeedPosition(1, id), id, type, new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero),
        "prj_a", "rt_a", null, "msg_a", 0, "ann@example.org", null, true, !countsForMetrics, countsForMetrics,
        countsForMetrics ? "genuine" : "security_scanner", null, null, null, null, data);
}

using System.Text;
using System.Text.Json;
using Engagement.Contracts.Messages;
using Engagement.Contracts.Tokens;
using Engagement.Contracts.Tracking;
using Engagement.Grains.Tracking;

namespace Engagement.Tests.Unit.Tracking;

public sealed class EventDataTests
{
    private static readonly BotVerdict Genuine = new(false, 0, "genuine", null, [], false, true, []);

    [Fact]
    public void Stored_data_is_readable_in_the_webhook_key_order_and_carries_the_bot_object_as_BotJson_writes_it()
    {
        var at = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
        var click = new Observation(Guid.NewGuid(), TrackingKind.Click, "msg_1", 0, 2, at, "GET", "203.0.113.9", "Mozilla/5.0", new Dictionary<string, string>());
        var context = new EventData.Context("msg_1", "Crème brûlée & more", new Dictionary<string, string> { ["campaign"] = "<winter>" }, null, "zoë@example.org",
            new MessageLink(2, "https://shop.example/sale?a=1&b=2", "Bücher & mehr"));

        var data = Encoding.UTF8.GetString(EventData.Build(click, context, first: true, Genuine, new ClientProfile("desktop", "browser", "Firefox")));

        Assert.Contains("\"subject\":\"Crème brûlée & more\"", data, StringComparison.Ordinal);
        Assert.Contains("\"destination_url\":\"https://shop.example/sale?a=1&b=2\"", data, StringComparison.Ordinal);
        Assert.Contains("\"anchor_text\":\"Bücher & mehr\"", data, StringComparison.Ordinal);
        Assert.Contains("\"campaign\":\"<winter>\"", data, StringComparison.Ordinal);
        Assert.EndsWith($"\"bot\":{BotJson.Of(Genuine)}}}", data, StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(data);
        Assert.Equal(
            ["message_id", "subject", "metadata", "tag", "recipient", "clicked_at", "destination_url", "link_index", "anchor_text", "first_click",
             "device_type", "client_type", "client_name", "user_agent", "bot"],
            parsed.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("zoë@example.org", parsed.RootElement.GetProperty("recipient").GetString());
    }
}

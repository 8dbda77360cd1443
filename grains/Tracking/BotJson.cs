using System.Text.Json;
using Engagement.Contracts.Tracking;
using Engagement.Grains.Webhooks;

namespace Engagement.Grains.Tracking;

/// <summary>
/// The bot object as an event's data, its observation and webhooks carry it: the verdict in snake_case, escaped as
/// webhooks send JSON. Written once per hit and stored in both rows as the same text.
/// </summary>
public static class BotJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = WebhookPayload.Writing.Encoder,
    };

    public static string Of(BotVerdict verdict) => JsonSerializer.Serialize(verdict, Options);
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Engagement.Contracts.Messages;
using Engagement.Contracts.Tokens;
using Engagement.Contracts.Tracking;

namespace Engagement.Grains.Tracking;

/// <summary>
/// The `data` object of message.opened / message.clicked, exactly as webhooks and the events API carry it.
/// Built once, when the hit is recorded, so every later reader sees the same payload.
/// </summary>
public static class EventData
{
    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public sealed record Context(
        string MessageId,
        string Subject,
        IReadOnlyDictionary<string, string> Metadata,
        string? Tag,
        string Recipient,
        MessageLink? Link);

    public static string Build(Observation observation, Context message, bool first, BotVerdict verdict, ClientProfile client)
    {
        var open = observation.Kind == TrackingKind.Open;
        var metadata = new JsonObject();
        foreach (var (key, value) in message.Metadata)
        {
            metadata[key] = value;
        }

        var data = new JsonObject
        {
            ["message_id"] = message.MessageId,
            ["subject"] = message.Subject,
            ["metadata"] = metadata,
            ["tag"] = message.Tag,
            ["recipient"] = message.Recipient,
            [open ? "opened_at" : "clicked_at"] = observation.ReceivedAt.UtcDateTime.ToString("O"),
        };
        if (!open)
        {
            data["destination_url"] = message.Link?.Url;
            data["link_index"] = observation.LinkIndex;
            data["anchor_text"] = message.Link?.AnchorText;
        }

        data[open ? "first_open" : "first_click"] = first;
        data["device_type"] = client.DeviceType;
        data["client_type"] = client.ClientType;
        data["client_name"] = client.ClientName;
        data["user_agent"] = observation.UserAgent;
        data["bot"] = JsonSerializer.SerializeToNode(verdict, SnakeCase);
        return data.ToJsonString();
    }
}

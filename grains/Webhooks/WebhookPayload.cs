using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Engagement.Contracts.Messages;
using Engagement.Grains.Tracking;

namespace Engagement.Grains.Webhooks;

/// <summary>
/// The body of a webhook POST: the event envelope {id, event, timestamp, data}, with data exactly as the event
/// carries it (the same JSON the events API shows) and the same id on every attempt.
/// </summary>
public static class WebhookPayload
{
    // A JSON body, never embedded in HTML: characters such as & and non-ASCII letters stay as they are, as in the API.
    internal static readonly JsonWriterOptions Writing = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Of(FeedEvent e) => Envelope(
        EventEnvelope.IdOf(e.EventId), e.EventType, e.OccurredAt, e.Data ?? throw new ArgumentException("A webhook needs the event's payload; read the feed with payloads.", nameof(e)));

    public static string Envelope(string id, string eventType, DateTimeOffset timestamp, string data)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Writing))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("event", eventType);
            json.WriteString("timestamp", timestamp);
            json.WritePropertyName("data");
            // Stored as jsonb, data comes back spaced out; written compactly, exactly as the events API shows it.
            using var parsed = JsonDocument.Parse(data);
            parsed.WriteTo(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A made-up message.opened for the test endpoint: every field present, clearly a sample.</summary>
    public static string Sample(string id, DateTimeOffset now)
    {
        var data = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["message_id"] = "msg_sample",
            ["subject"] = "Sample event from the webhook test endpoint",
            ["metadata"] = new Dictionary<string, string>(),
            ["tag"] = null,
            ["recipient"] = "recipient@example.com",
            ["opened_at"] = now.UtcDateTime.ToString("O"),
            ["first_open"] = true,
            ["device_type"] = null,
            ["client_type"] = null,
            ["client_name"] = null,
            ["user_agent"] = "Mozilla/5.0",
            ["bot"] = new Dictionary<string, object?>
            {
                ["detected"] = false,
                ["probability"] = 0,
                ["classification"] = "genuine",
                ["proxy_type"] = null,
                ["reason_codes"] = Array.Empty<string>(),
                ["machine"] = false,
                ["counts_for_metrics"] = true,
            },
        });
        return Envelope(id, EventTypes.Opened, now, data);
    }
}

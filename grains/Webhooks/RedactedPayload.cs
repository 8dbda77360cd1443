using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Engagement.Grains.Privacy;

namespace Engagement.Grains.Webhooks;

/// <summary>
/// What privacy leaves of a stored delivery body. Everything else stays byte for byte as it was written, so a
/// replayed delivery differs from the first only by what was taken out.
/// </summary>
public static class RedactedPayload
{
    /// <summary>Past the raw-data retention: the user agent goes, as it does from the event; the recipient stays, as in the event.</summary>
    public static string Minimised(string body) => Rewrite(body, data => data.Remove("user_agent"));

    /// <summary>
    /// An erased recipient: its address and the message's subject are blanked and its metadata emptied (the fields
    /// stay, so the payload keeps its documented shape), and the user agent goes.
    /// </summary>
    public static string Erased(string body) => Rewrite(body, data =>
    {
        data.Remove("user_agent");
        Blank(data, "recipient", "");
        Blank(data, "subject", "");
        Blank(data, "metadata", new JsonObject());
    });

    /// <summary>
    /// Another recipient's event of a message an erased recipient shared: what the message says loses the erased
    /// address as its stored body does (the subject, metadata values, the link's URL and anchor text); the event's own
    /// recipient and everything else stay.
    /// </summary>
    public static string WithoutAddress(string body, string address) => Rewrite(body, data => RemoveAddress(data, address));

    /// <summary>The same for an event's stored <c>data</c>, which is the envelope's <c>data</c> object on its own.</summary>
    public static string EventDataWithoutAddress(string data, string address) =>
        JsonNode.Parse(data) is JsonObject fields ? Written(RemoveAddress(fields, address)) : data;

    private static JsonObject RemoveAddress(JsonObject data, string address)
    {
        foreach (var field in new[] { "subject", "destination_url", "anchor_text" })
        {
            if (data[field] is JsonValue value && value.TryGetValue<string>(out var text))
            {
                data[field] = AddressRedaction.WithoutAddress(text, address);
            }
        }

        if (data["metadata"] is JsonObject metadata)
        {
            foreach (var (key, value) in metadata.ToList())
            {
                if (value is JsonValue entry && entry.TryGetValue<string>(out var text))
                {
                    metadata[key] = AddressRedaction.WithoutAddress(text, address);
                }
            }
        }

        return data;
    }

    private static void Blank(JsonObject data, string field, JsonNode blank)
    {
        if (data.ContainsKey(field))
        {
            data[field] = blank;
        }
    }

    private static string Rewrite(string body, Action<JsonObject> redact)
    {
        if (JsonNode.Parse(body) is not JsonObject envelope || envelope["data"] is not JsonObject data)
        {
            return body;
        }

        redact(data);
        return Written(envelope);
    }

    private static string Written(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WebhookPayload.Writing))
        {
            node.WriteTo(json);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

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
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WebhookPayload.Writing))
        {
            envelope.WriteTo(json);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

using System.Buffers;
using System.Text.Json;
using Engagement.Contracts.Messages;
using Engagement.Contracts.Tokens;
using Engagement.Contracts.Tracking;
using Engagement.Grains.Webhooks;

namespace Engagement.Grains.Tracking;

/// <summary>
/// The `data` object of message.opened / message.clicked, exactly as webhooks and the events API carry it.
/// Built once, when the hit is recorded, so every later reader sees the same payload.
/// </summary>
public static class EventData
{
    public sealed record Context(
        string MessageId,
        string Subject,
        IReadOnlyDictionary<string, string> Metadata,
        string? Tag,
        string Recipient,
        MessageLink? Link);

    /// <returns>The object as UTF-8, which is how the engagement log hands it to PostgreSQL.</returns>
    public static byte[] Build(Observation observation, Context message, bool first, BotVerdict verdict, ClientProfile client)
    {
        // Written straight to UTF-8 on every hit: a JSON DOM built and then serialised cost several times as much.
        // Stored as written, so escaped as webhooks send it: & and non-ASCII letters stay readable.
        var open = observation.Kind == TrackingKind.Open;
        var (buffer, json) = ThreadWriter();
        json.WriteStartObject();
        json.WriteString("message_id", message.MessageId);
        json.WriteString("subject", message.Subject);
        json.WriteStartObject("metadata");
        foreach (var (key, value) in message.Metadata)
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
        json.WriteString("tag", message.Tag);
        json.WriteString("recipient", message.Recipient);
        json.WriteString(open ? "opened_at" : "clicked_at", observation.ReceivedAt.UtcDateTime.ToString("O"));
        if (!open)
        {
            json.WriteString("destination_url", message.Link?.Url);
            json.WriteNumber("link_index", observation.LinkIndex);
            json.WriteString("anchor_text", message.Link?.AnchorText);
        }

        json.WriteBoolean(open ? "first_open" : "first_click", first);
        json.WriteString("device_type", client.DeviceType);
        json.WriteString("client_type", client.ClientType);
        json.WriteString("client_name", client.ClientName);
        json.WriteString("user_agent", observation.UserAgent);
        json.WritePropertyName("bot");
        BotJson.Write(json, verdict);
        json.WriteEndObject();
        json.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    // A buffer and a writer per thread, reset for every event, instead of new ones that grow for each: they were nearly a
    // tenth of the bytes the servers allocated per hit under load (scripts/bench load, allocation sampling). Build runs
    // synchronously, so nothing else on the thread uses them until it returns.
    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Json)? writer;

    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Json) ThreadWriter()
    {
        if (writer is not { } reused)
        {
            var buffer = new ArrayBufferWriter<byte>(4096);
            reused = (buffer, new Utf8JsonWriter(buffer, WebhookPayload.Writing));
            writer = reused;
        }

        reused.Buffer.ResetWrittenCount();
        reused.Json.Reset(reused.Buffer);
        return reused;
    }
}

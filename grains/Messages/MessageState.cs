using Engagement.Contracts.Messages;

namespace Engagement.Grains.Messages;

/// <summary>
/// A message's tracking state. The bodies are not here: they are immutable and can be large, so they live once in
/// the message_contents table, and each recipient's copy is re-rendered from them on demand.
/// </summary>
[GenerateSerializer, Alias("engagement.MessageState")]
public sealed class MessageState
{
    [Id(0)] public string ProjectId { get; set; } = "";
    [Id(1)] public string RouteId { get; set; } = "";
    [Id(2)] public string RouteSlug { get; set; } = "";
    [Id(3)] public string From { get; set; } = "";
    [Id(4)] public List<string> ReplyTo { get; set; } = [];
    [Id(5)] public string Subject { get; set; } = "";
    [Id(6)] public string? Tag { get; set; }
    [Id(7)] public Dictionary<string, string> Metadata { get; set; } = [];
    [Id(8)] public Dictionary<string, string> Headers { get; set; } = [];
    [Id(9)] public DateTimeOffset CreatedAt { get; set; }
    [Id(10)] public MessageStatus Status { get; set; }
    [Id(11)] public string Fingerprint { get; set; } = "";
    [Id(12)] public string TrackingHost { get; set; } = "";
    [Id(13)] public List<MessageLink> Links { get; set; } = [];
    [Id(14)] public List<RecipientState> Recipients { get; set; } = [];

    /// <summary>The tracking key the tokens were sealed with, so a re-rendered copy carries the very tokens that were sent.</summary>
    [Id(15)] public int TokenKeyId { get; set; }

    /// <summary>Whether copies that track clicks carry the honeypot link; false for mail sent before it existed.</summary>
    [Id(16)] public bool TrapLink { get; set; }
}

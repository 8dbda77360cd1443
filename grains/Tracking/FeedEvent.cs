namespace Engagement.Grains.Tracking;

/// <summary>
/// A settled event read from the feed, with its position and the columns consumers filter and count by. The payload
/// (<see cref="Data"/>) is there only when the reader asked for it: counting needs no more than the destination.
/// </summary>
public sealed record FeedEvent(
    FeedPosition Position,
    Guid EventId,
    string EventType,
    DateTimeOffset OccurredAt,
    string ProjectId,
    string RouteId,
    string? Tag,
    string MessageId,
    int RecipientIndex,
    string Recipient,
    int? LinkIndex,
    bool FirstOfKind,
    bool Machine,
    bool CountsForMetrics,
    string Classification,
    string? DeviceType,
    string? ClientType,
    string? ClientName,
    string? DestinationUrl,
    string? Data);

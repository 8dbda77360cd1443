namespace Engagement.Grains.Tracking;

/// <summary>An event as read back from the log: enough to rebuild a message's engagement and to show the event.</summary>
public sealed record LoggedEvent(
    Guid EventId,
    string EventType,
    DateTimeOffset OccurredAt,
    int RecipientIndex,
    bool CountsForMetrics,
    string Data);

namespace Engagement.Grains.Tracking;

/// <summary>A hit as the log holds it, without its payload: what a message's engagement is rebuilt from.</summary>
public sealed record LoggedHit(Guid EventId, string EventType, int RecipientIndex, DateTimeOffset OccurredAt, bool CountsForMetrics);

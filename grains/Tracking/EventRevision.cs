using Engagement.Contracts.Tracking;

namespace Engagement.Grains.Tracking;

/// <summary>A later verdict for an event still inside its settle window: its classification changes and it stops counting.</summary>
public sealed record EventRevision(Guid EventId, DateTimeOffset OccurredAt, BotVerdict Verdict);

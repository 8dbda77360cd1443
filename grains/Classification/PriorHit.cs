using Engagement.Contracts.Tokens;

namespace Engagement.Grains.Classification;

/// <summary>An earlier hit of the same recipient, as much as burst and repeat signals and revisions need of it.</summary>
public sealed record PriorHit(Guid ObservationId, TrackingKind Kind, int LinkIndex, DateTimeOffset At, string Source, bool Machine = false);

using Engagement.Contracts.Tokens;

namespace Engagement.Grains.Classification;

/// <summary>
/// An earlier hit of the same recipient, as much as burst and repeat signals and revisions need of it. A value, so
/// that a recipient's remembered hits lie side by side in memory for the scans every new hit makes over them.
/// </summary>
public readonly record struct PriorHit(Guid ObservationId, TrackingKind Kind, int LinkIndex, DateTimeOffset At, string Source, bool Machine = false);

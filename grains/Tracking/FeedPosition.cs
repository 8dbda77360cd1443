namespace Engagement.Grains.Tracking;

/// <summary>
/// A consumer's place in the event feed: the last event it has taken, as (writing transaction id, event id).
/// Kept in consumers' grain state, so it must stay serialisable and comparable across versions.
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.FeedPosition")]
public sealed record FeedPosition(
    [property: Id(0)] ulong TransactionId,
    [property: Id(1)] Guid EventId)
{
    /// <summary>Before every event ever written.</summary>
    public static FeedPosition Start { get; } = new(0, Guid.Empty);
}

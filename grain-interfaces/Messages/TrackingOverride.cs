namespace Engagement.Contracts.Messages;

/// <summary>A per-email override of the route's tracking defaults; a null field falls back to the route.</summary>
[GenerateSerializer, Immutable, Alias("engagement.TrackingOverride")]
public sealed record TrackingOverride(
    [property: Id(0)] bool? Opens,
    [property: Id(1)] bool? Clicks)
{
    public static TrackingOverride None { get; } = new(null, null);
}

namespace Engagement.Contracts.Accounts;

/// <summary>What the customer asked to change on a route; a null field keeps its current value.</summary>
[GenerateSerializer, Immutable, Alias("engagement.RouteChange")]
public sealed record RouteChange(
    [property: Id(0)] bool? TrackOpens,
    [property: Id(1)] bool? TrackClicks,
    [property: Id(2)] bool? TrapLink = null);

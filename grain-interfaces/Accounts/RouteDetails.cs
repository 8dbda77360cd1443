namespace Engagement.Contracts.Accounts;

[GenerateSerializer, Immutable, Alias("engagement.RouteDetails")]
public sealed record RouteDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] string ProjectId,
    [property: Id(2)] string Slug,
    [property: Id(3)] RouteType Type,
    [property: Id(4)] bool TrackOpens,
    [property: Id(5)] bool TrackClicks,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] bool TrapLink = true);

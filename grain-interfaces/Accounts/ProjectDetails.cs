namespace Engagement.Contracts.Accounts;

[GenerateSerializer, Immutable, Alias("engagement.ProjectDetails")]
public sealed record ProjectDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] string TeamId,
    [property: Id(2)] string Name,
    [property: Id(3)] long Sid,
    [property: Id(4)] string TrackingDomain,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] IReadOnlyList<RouteSummary> Routes,
    [property: Id(7)] string? ClickFallbackUrl);

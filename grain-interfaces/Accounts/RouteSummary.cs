namespace Engagement.Contracts.Accounts;

[GenerateSerializer, Immutable, Alias("engagement.RouteSummary")]
public sealed record RouteSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Slug,
    [property: Id(2)] RouteType Type);

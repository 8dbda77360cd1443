namespace Engagement.Contracts.Accounts;

/// <summary>
/// The answer to a route creation or change: the route as it now is, or the reason it was refused
/// (kept as data so the API can name the field in its 4xx answer).
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.RouteOutcome")]
public sealed record RouteOutcome(
    [property: Id(0)] RouteDetails? Route,
    [property: Id(1)] RouteRefusal? Refusal)
{
    public static RouteOutcome Accepted(RouteDetails route) => new(route, null);

    public static RouteOutcome Refused(RouteRefusal refusal) => new(null, refusal);
}

[GenerateSerializer, Alias("engagement.RouteRefusal")]
public enum RouteRefusal
{
    SlugTaken = 0,
    InboundRefusesTracking = 1,
    UnknownRoute = 2,
}

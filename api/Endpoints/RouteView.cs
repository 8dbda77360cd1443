using Engagement.Contracts.Accounts;

namespace Engagement.Api.Endpoints;

/// <summary>The JSON shape of a route.</summary>
public sealed record RouteView(string Id, string ProjectId, string Slug, RouteType Type, bool TrackOpens, bool TrackClicks, bool TrapLink, DateTimeOffset CreatedAt)
{
    public static RouteView Of(RouteDetails r) => new(r.Id, r.ProjectId, r.Slug, r.Type, r.TrackOpens, r.TrackClicks, r.TrapLink, r.CreatedAt);
}

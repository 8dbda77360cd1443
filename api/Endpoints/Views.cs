using Engagement.Contracts.Accounts;

namespace Engagement.Api.Endpoints;

/// <summary>The JSON shapes of projects and routes; the token appears only in the creation response.</summary>
public sealed record ProjectView(
    string Id,
    string TeamId,
    string Name,
    long Sid,
    string TrackingDomain,
    DateTimeOffset CreatedAt,
    IReadOnlyList<RouteSummary> Routes,
    string? ClickFallbackUrl,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    string? Token)
{
    public static ProjectView Of(ProjectDetails p, string? token = null) =>
        new(p.Id, p.TeamId, p.Name, p.Sid, p.TrackingDomain, p.CreatedAt, p.Routes, p.ClickFallbackUrl, token);
}

public sealed record RouteView(string Id, string ProjectId, string Slug, RouteType Type, bool TrackOpens, bool TrackClicks, DateTimeOffset CreatedAt)
{
    public static RouteView Of(RouteDetails r) => new(r.Id, r.ProjectId, r.Slug, r.Type, r.TrackOpens, r.TrackClicks, r.CreatedAt);
}

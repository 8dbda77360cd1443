using Engagement.Contracts.Accounts;

namespace Engagement.Api.Endpoints;

/// <summary>The JSON shape of a project; the token appears only in the creation response.</summary>
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

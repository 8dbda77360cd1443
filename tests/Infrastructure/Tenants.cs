using System.Net;
using System.Text.Json;

namespace Engagement.Tests.Infrastructure;

/// <summary>A team with one project, created through the public API as a customer would.</summary>
public sealed record Tenant(string TeamId, string TeamToken, string ProjectId, string ProjectToken, JsonElement Project)
{
    public static async Task<Tenant> CreateAsync(HttpClient http, string name = "Acme")
    {
        var (teamStatus, team) = await http.PostAsync("/v1/teams", RunningSystem.AdminToken, new { name });
        Assert.True(teamStatus == HttpStatusCode.Created, team.ToString());
        var teamToken = team.Text("token");
        var (projectStatus, project) = await http.PostAsync("/v1/projects", teamToken, new { name = name + " mail" });
        Assert.Equal(HttpStatusCode.Created, projectStatus);
        return new Tenant(team.Text("id"), teamToken, project.Text("id"), project.Text("token"), project);
    }

    /// <summary>Where clicks with unreadable tokens on the project's host go; returns that host.</summary>
    public async Task<string> SetClickFallbackAsync(HttpClient http, string url)
    {
        var (status, body) = await http.SendAsync(HttpMethod.Patch, $"/v1/projects/{ProjectId}", TeamToken, $$"""{"click_fallback_url": "{{url}}"}""");
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        return Project.Text("tracking_domain");
    }
}

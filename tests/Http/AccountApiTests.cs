using System.Net;
using Engagement.Tests.Infrastructure;

namespace Engagement.Tests.Http;

public sealed class AccountApiTests(RunningSystem system) : IClassFixture<RunningSystem>
{
    private HttpClient Http => system.Http;

    [Fact]
    public async Task Walkthrough_team_project_route_and_tracking()
    {
        var (status, team) = await Http.PostAsync("/v1/teams", RunningSystem.AdminToken, new { name = "Acme" });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.StartsWith("team_", team.Text("id"));
        var teamToken = team.Text("token");

        (status, var project) = await Http.PostAsync("/v1/projects", teamToken, new { name = "Acme shop" });
        Assert.Equal(HttpStatusCode.Created, status);
        var projectId = project.Text("id");
        var sid = project.GetProperty("sid").GetInt64();
        Assert.Equal($"p{sid}.track.test", project.Text("tracking_domain"));
        Assert.StartsWith(projectId + ".", project.Text("token"));
        Assert.Equal("default", project.GetProperty("routes")[0].Text("slug"));

        (status, var route) = await Http.PostAsync($"/v1/projects/{projectId}/routes", teamToken, new { slug = "newsletter", type = "broadcast" });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("broadcast", route.Text("type"));
        Assert.False(route.GetProperty("track_opens").GetBoolean());
        Assert.False(route.GetProperty("track_clicks").GetBoolean());
        var routeId = route.Text("id");

        (status, route) = await Http.SendAsync(HttpMethod.Patch, $"/v1/routes/{routeId}", teamToken, """{"track_opens": true, "track_clicks": true}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(route.GetProperty("track_opens").GetBoolean());

        (status, route) = await Http.SendAsync(HttpMethod.Patch, $"/v1/routes/{routeId}", teamToken, """{"track_clicks": false}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(route.GetProperty("track_opens").GetBoolean());
        Assert.False(route.GetProperty("track_clicks").GetBoolean());

        (status, route) = await Http.GetAsync($"/v1/routes/{routeId}", teamToken);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(projectId, route.Text("project_id"));

        (status, project) = await Http.GetAsync($"/v1/projects/{projectId}", teamToken);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, project.GetProperty("routes").GetArrayLength());
        Assert.False(project.TryGetProperty("token", out _));
    }

    [Fact]
    public async Task Enabling_tracking_on_an_inbound_route_is_refused_with_422()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var (_, route) = await Http.PostAsync($"/v1/projects/{tenant.ProjectId}/routes", tenant.TeamToken, new { slug = "replies", type = "inbound" });

        var (status, body) = await Http.SendAsync(HttpMethod.Patch, $"/v1/routes/{route.Text("id")}", tenant.TeamToken, """{"track_clicks": true}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("track_clicks", body.ErrorField());
        Assert.Contains("inbound", body.GetProperty("error").Text("message"), StringComparison.OrdinalIgnoreCase);
        (status, route) = await Http.GetAsync($"/v1/routes/{route.Text("id")}", tenant.TeamToken);
        Assert.False(route.GetProperty("track_clicks").GetBoolean());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    [InlineData("team_00000000000000000000000000000000.forged")]
    [InlineData("prj_00000000000000000000000000000000.forged")]
    public async Task Requests_without_a_valid_token_get_401(string? token)
    {
        var (status, body) = await Http.PostAsync("/v1/projects", token, new { name = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("unauthorized", body.GetProperty("error").Text("code"));
    }

    [Fact]
    public async Task A_token_with_a_valid_owner_but_wrong_secret_gets_401()
    {
        var tenant = await Tenant.CreateAsync(Http);

        var (status, _) = await Http.GetAsync($"/v1/projects/{tenant.ProjectId}", tenant.TeamToken[..^2] + "xx");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Another_teams_project_and_route_answer_404_exactly_like_missing_ones()
    {
        var owner = await Tenant.CreateAsync(Http, "Owner");
        var stranger = await Tenant.CreateAsync(Http, "Stranger");
        var routeId = owner.Project.GetProperty("routes")[0].Text("id");

        var (projectStatus, projectBody) = await Http.GetAsync($"/v1/projects/{owner.ProjectId}", stranger.TeamToken);
        var (missingStatus, missingBody) = await Http.GetAsync("/v1/projects/prj_0123456789abcdef0123456789abcdef", stranger.TeamToken);
        var (routeStatus, _) = await Http.GetAsync($"/v1/routes/{routeId}", stranger.TeamToken);
        var (patchStatus, _) = await Http.SendAsync(HttpMethod.Patch, $"/v1/routes/{routeId}", stranger.TeamToken, """{"track_opens": true}""");
        var (addStatus, _) = await Http.PostAsync($"/v1/projects/{owner.ProjectId}/routes", stranger.TeamToken, new { slug = "x", type = "broadcast" });

        Assert.Equal(HttpStatusCode.NotFound, projectStatus);
        Assert.Equal(missingStatus, projectStatus);
        Assert.Equal(missingBody.ToString(), projectBody.ToString());
        Assert.Equal(HttpStatusCode.NotFound, routeStatus);
        Assert.Equal(HttpStatusCode.NotFound, patchStatus);
        Assert.Equal(HttpStatusCode.NotFound, addStatus);
        var (_, route) = await Http.GetAsync($"/v1/routes/{routeId}", owner.TeamToken);
        Assert.False(route.GetProperty("track_opens").GetBoolean());
    }

    [Fact]
    public async Task Project_tokens_cannot_manage_projects_or_routes()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var routeId = tenant.Project.GetProperty("routes")[0].Text("id");

        Assert.Equal(HttpStatusCode.Forbidden, (await Http.GetAsync($"/v1/projects/{tenant.ProjectId}", tenant.ProjectToken)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Http.PostAsync("/v1/projects", tenant.ProjectToken, new { name = "x" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Http.PostAsync($"/v1/projects/{tenant.ProjectId}/routes", tenant.ProjectToken, new { slug = "x", type = "broadcast" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Http.SendAsync(HttpMethod.Patch, $"/v1/routes/{routeId}", tenant.ProjectToken, """{"track_opens": true}""")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Http.PostAsync("/v1/teams", tenant.TeamToken, new { name = "x" })).Status);
    }

    [Theory]
    [InlineData("{\"slug\": \"a\", \"type\": \"transactional\"", "body")]
    [InlineData("""{"slug": 5, "type": "broadcast"}""", "slug")]
    [InlineData("""{"slug": "ok", "type": "weekly"}""", "type")]
    [InlineData("""{"slug": "ok"}""", "type")]
    [InlineData("""{"type": "broadcast"}""", "slug")]
    [InlineData("""{"slug": "Not A Slug", "type": "broadcast"}""", "slug")]
    [InlineData("""{"slug": "ok", "type": "broadcast", "colour": "red"}""", "colour")]
    [InlineData("""[1, 2]""", "body")]
    public async Task Malformed_route_bodies_get_400_naming_the_field(string json, string field)
    {
        var tenant = await Tenant.CreateAsync(Http);

        var (status, body) = await Http.SendAsync(HttpMethod.Post, $"/v1/projects/{tenant.ProjectId}/routes", tenant.TeamToken, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(field, body.ErrorField());
    }

    [Theory]
    [InlineData("""{"track_opens": "yes"}""", "track_opens")]
    [InlineData("""{"track_clicks": 1}""", "track_clicks")]
    public async Task Wrong_types_in_a_route_change_get_400_naming_the_field(string json, string field)
    {
        var tenant = await Tenant.CreateAsync(Http);
        var routeId = tenant.Project.GetProperty("routes")[0].Text("id");

        var (status, body) = await Http.SendAsync(HttpMethod.Patch, $"/v1/routes/{routeId}", tenant.TeamToken, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(field, body.ErrorField());
    }

    [Fact]
    public async Task A_duplicate_slug_gets_409_and_a_non_json_body_415()
    {
        var tenant = await Tenant.CreateAsync(Http);

        var (status, body) = await Http.PostAsync($"/v1/projects/{tenant.ProjectId}/routes", tenant.TeamToken, new { slug = "default", type = "broadcast" });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("slug", body.ErrorField());

        (status, _) = await Http.SendAsync(HttpMethod.Post, "/v1/projects", tenant.TeamToken, "name=x", "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
    }

    [Fact]
    public async Task Health_readiness_and_openapi_answer()
    {
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/healthz", null)).Status);
        var (status, ready) = await Http.GetAsync("/readyz", null);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("up", ready.Text("database"));
        Assert.Equal("up", ready.Text("cluster"));
        var (openApiStatus, document) = await Http.GetAsync("/openapi/v1.json", null);
        Assert.Equal(HttpStatusCode.OK, openApiStatus);
        Assert.True(document.GetProperty("paths").TryGetProperty("/v1/routes/{id}", out _));
    }

    [Fact]
    public async Task Unknown_paths_answer_404_in_json()
    {
        var (status, body) = await Http.GetAsync("/v1/nothing-here", RunningSystem.AdminToken);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("http_404", body.GetProperty("error").Text("code"));
    }
}

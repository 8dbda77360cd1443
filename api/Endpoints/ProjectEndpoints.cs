using Engagement.Api.Auth;
using Engagement.Api.Http;
using Engagement.Contracts.Accounts;
using Engagement.Contracts.Identifiers;

namespace Engagement.Api.Endpoints;

public static class ProjectEndpoints
{
    public sealed record CreateProjectRequest(string? Name);

    public sealed record CreateRouteRequest(string? Slug, RouteType? Type);

    public sealed record ChangeProjectRequest(string? ClickFallbackUrl);

    public static void MapProjectEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapPost("/projects", CreateAsync).WithSummary("Create a project (team token); its API token is shown once.");
        v1.MapGet("/projects", ListAsync).WithSummary("List the team's projects (team token).");
        v1.MapGet("/projects/{id}", GetAsync).WithSummary("Read a project (team token).");
        v1.MapPatch("/projects/{id}", ChangeAsync).WithSummary("Set the project's click fallback URL (team token); null clears it.");
        v1.MapPost("/projects/{id}/routes", CreateRouteAsync).WithSummary("Add a route to a project (team token).");
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, Caller caller, IClusterClient cluster)
    {
        if (caller.Kind != CallerKind.Team)
        {
            return ApiError.Forbidden("Projects are created with a team token.");
        }

        var (body, error) = await JsonBody.ReadAsync<CreateProjectRequest>(request, ApiJson.Options);
        if (error is not null)
        {
            return error;
        }

        var nameError = Validate.Name(body!.Name);
        if (nameError is not null)
        {
            return nameError;
        }

        var projectId = ResourceId.New(ResourceId.Project);
        var (token, hash) = ApiToken.Issue(projectId);
        var project = await cluster.GetGrain<IProjectGrain>(projectId).CreateAsync(caller.Id, body.Name!.Trim(), hash);
        await cluster.GetGrain<ITeamGrain>(caller.Id).AddProjectAsync(projectId);
        return Results.Created($"/v1/projects/{projectId}", ProjectView.Of(project, token));
    }

    private static async Task<IResult> ListAsync(Caller caller, IClusterClient cluster)
    {
        if (caller.Kind != CallerKind.Team)
        {
            return ApiError.Forbidden("Projects are listed with a team token.");
        }

        var team = await cluster.GetGrain<ITeamGrain>(caller.Id).GetAsync();
        var projects = await Task.WhenAll((team?.ProjectIds ?? []).Select(id => cluster.GetGrain<IProjectGrain>(id).GetAsync()));
        return Results.Ok(new { Data = projects.OfType<ProjectDetails>().Select(p => ProjectView.Of(p)) });
    }

    private static async Task<IResult> GetAsync(string id, Caller caller, IClusterClient cluster)
    {
        var (project, error) = await TeamProjectAsync(id, caller, cluster);
        return error ?? Results.Ok(ProjectView.Of(project!));
    }

    private static async Task<IResult> ChangeAsync(string id, HttpRequest request, Caller caller, IClusterClient cluster)
    {
        var (project, error) = await TeamProjectAsync(id, caller, cluster);
        if (error is not null)
        {
            return error;
        }

        var (body, bodyError) = await JsonBody.ReadAsync<ChangeProjectRequest>(request, ApiJson.Options);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var url = body!.ClickFallbackUrl;
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp)))
        {
            return ApiError.Validation("click_fallback_url", "'click_fallback_url' must be an absolute http or https URL, or null.");
        }

        var changed = await cluster.GetGrain<IProjectGrain>(project!.Id).SetClickFallbackAsync(url);
        return Results.Ok(ProjectView.Of(changed!));
    }

    private static async Task<IResult> CreateRouteAsync(string id, HttpRequest request, Caller caller, IClusterClient cluster)
    {
        var (project, error) = await TeamProjectAsync(id, caller, cluster);
        if (error is not null)
        {
            return error;
        }

        var (body, bodyError) = await JsonBody.ReadAsync<CreateRouteRequest>(request, ApiJson.Options);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var slugError = Validate.Slug(body!.Slug);
        if (slugError is not null)
        {
            return slugError;
        }

        if (body.Type is null)
        {
            return ApiError.Validation("type", "'type' is required: one of transactional, broadcast, inbound.");
        }

        var outcome = await cluster.GetGrain<IProjectGrain>(project!.Id).AddRouteAsync(body.Slug!, body.Type.Value);
        return outcome.Route is not null
            ? Results.Created($"/v1/routes/{outcome.Route.Id}", RouteView.Of(outcome.Route))
            : ApiError.Conflict("slug", $"The project already has a route with slug '{body.Slug}'.");
    }

    /// <summary>
    /// The project, if the caller's team owns it. Another team's project answers 404 exactly like a missing one,
    /// so ids cannot be probed; a project token is refused (403) because it cannot manage projects at all.
    /// </summary>
    internal static async Task<(ProjectDetails? Project, IResult? Error)> TeamProjectAsync(string id, Caller caller, IClusterClient cluster)
    {
        if (caller.Kind != CallerKind.Team)
        {
            return (null, ApiError.Forbidden("Projects and routes are managed with a team token."));
        }

        if (!ResourceId.IsValid(id, ResourceId.Project))
        {
            return (null, ApiError.NotFound("Project"));
        }

        var project = await cluster.GetGrain<IProjectGrain>(id).GetAsync();
        return project is null || project.TeamId != caller.Id
            ? (null, ApiError.NotFound("Project"))
            : (project, null);
    }
}

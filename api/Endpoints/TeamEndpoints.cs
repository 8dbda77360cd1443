using Engagement.Api.Auth;
using Engagement.Api.Http;
using Engagement.Contracts.Accounts;
using Engagement.Contracts.Identifiers;

namespace Engagement.Api.Endpoints;

public static class TeamEndpoints
{
    public sealed record CreateTeamRequest(string? Name);

    public static void MapTeamEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapPost("/teams", CreateAsync).WithSummary("Create a team (operator token); its API token is shown once.");
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, Caller caller, IClusterClient cluster)
    {
        if (caller.Kind != CallerKind.Operator)
        {
            return ApiError.Forbidden("Only the operator token can create teams.");
        }

        var (body, error) = await JsonBody.ReadAsync<CreateTeamRequest>(request, ApiJson.Options);
        if (error is not null)
        {
            return error;
        }

        var nameError = Validate.Name(body!.Name);
        if (nameError is not null)
        {
            return nameError;
        }

        var teamId = ResourceId.New(ResourceId.Team);
        var (token, hash) = ApiToken.Issue(teamId);
        var team = await cluster.GetGrain<ITeamGrain>(teamId).CreateAsync(body.Name!.Trim(), hash);
        return Results.Created($"/v1/teams/{teamId}", new { team.Id, team.Name, team.CreatedAt, Token = token });
    }
}

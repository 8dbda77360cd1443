using Engagement.Api.Auth;
using Engagement.Api.Http;
using Engagement.Contracts.Accounts;
using Engagement.Contracts.Identifiers;

namespace Engagement.Api.Endpoints;

public static class RouteEndpoints
{
    public sealed record ChangeRouteRequest(bool? TrackOpens, bool? TrackClicks, bool? TrapLink);

    public static void MapRouteEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/routes/{id}", GetAsync).WithSummary("Read a route (team token).");
        v1.MapPatch("/routes/{id}", ChangeAsync).WithSummary("Turn open and click tracking, and the honeypot link, on or off for a route (team token).");
    }

    private static async Task<IResult> GetAsync(string id, Caller caller, IClusterClient cluster)
    {
        var (route, error) = await TeamRouteAsync(id, caller, cluster);
        return error ?? Results.Ok(RouteView.Of(route!));
    }

    private static async Task<IResult> ChangeAsync(string id, HttpRequest request, Caller caller, IClusterClient cluster)
    {
        var (route, error) = await TeamRouteAsync(id, caller, cluster);
        if (error is not null)
        {
            return error;
        }

        var (body, bodyError) = await JsonBody.ReadAsync<ChangeRouteRequest>(request, ApiJson.Options);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var outcome = await cluster.GetGrain<IRouteGrain>(route!.Id).ChangeAsync(new RouteChange(body!.TrackOpens, body.TrackClicks, body.TrapLink));
        return outcome switch
        {
            { Route: not null } => Results.Ok(RouteView.Of(outcome.Route)),
            { Refusal: RouteRefusal.InboundRefusesTracking } => ApiError.Unprocessable(
                "inbound_route_untrackable",
                "Inbound routes carry mail you received; open and click tracking cannot be enabled on them.",
                body.TrackOpens == true ? "track_opens" : "track_clicks"),
            _ => ApiError.NotFound("Route"),
        };
    }

    private static async Task<(RouteDetails? Route, IResult? Error)> TeamRouteAsync(string id, Caller caller, IClusterClient cluster)
    {
        if (caller.Kind != CallerKind.Team)
        {
            return (null, ApiError.Forbidden("Projects and routes are managed with a team token."));
        }

        if (!ResourceId.IsValid(id, ResourceId.Route))
        {
            return (null, ApiError.NotFound("Route"));
        }

        var route = await cluster.GetGrain<IRouteGrain>(id).GetAsync();
        if (route is null)
        {
            return (null, ApiError.NotFound("Route"));
        }

        var (_, projectError) = await ProjectEndpoints.TeamProjectAsync(route.ProjectId, caller, cluster);
        return projectError is null ? (route, null) : (null, ApiError.NotFound("Route"));
    }
}

using Engagement.Contracts.Accounts;
using Engagement.Contracts.Identifiers;
using Engagement.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Engagement.Grains.Accounts;

[GrainType("project")]
public sealed class ProjectGrain(
    [PersistentState(StorageNames.Project, StorageNames.Provider)] IPersistentState<ProjectState> project,
    IProjectHosts hosts,
    IOptions<TrackingHostOptions> trackingHosts,
    TimeProvider clock) : Grain, IProjectGrain
{
    async Task<ProjectDetails> IProjectGrain.CreateAsync(string teamId, string name, string tokenHash)
    {
        if (project.RecordExists)
        {
            throw new InvalidOperationException($"Project {this.GetPrimaryKeyString()} already exists.");
        }

        var sid = await hosts.RegisterAsync(this.GetPrimaryKeyString());
        project.State = new ProjectState
        {
            TeamId = teamId,
            Name = name,
            Sid = sid,
            CreatedAt = clock.GetUtcNow(),
            TokenHashes = [tokenHash],
        };

        // Every project can send at once: mail without an explicit route goes to this transactional route.
        await CreateRouteAsync(ProjectRoutes.DefaultSlug, RouteType.Transactional);
        await project.WriteStateAsync();
        return Details();
    }

    Task<ProjectDetails?> IProjectGrain.GetAsync() => Task.FromResult(project.RecordExists ? Details() : null);

    Task<bool> IProjectGrain.AcceptsTokenAsync(string tokenHash) =>
        Task.FromResult(project.RecordExists && TokenHashes.Contains(project.State.TokenHashes, tokenHash));

    async Task<ProjectDetails?> IProjectGrain.SetClickFallbackAsync(string? url)
    {
        if (!project.RecordExists)
        {
            return null;
        }

        project.State.ClickFallbackUrl = url;
        await project.WriteStateAsync();
        return Details();
    }

    async Task<RouteOutcome> IProjectGrain.AddRouteAsync(string slug, RouteType type)
    {
        if (project.State.Routes.Any(r => r.Slug == slug))
        {
            return RouteOutcome.Refused(RouteRefusal.SlugTaken);
        }

        var route = await CreateRouteAsync(slug, type);
        await project.WriteStateAsync();
        return RouteOutcome.Accepted(route);
    }

    Task<RouteSummary?> IProjectGrain.FindRouteAsync(string idOrSlug) =>
        Task.FromResult(project.State.Routes.FirstOrDefault(r => r.Id == idOrSlug || r.Slug == idOrSlug));

    /// <summary>Creates the route grain first, so the project never lists a route that does not exist.</summary>
    private async Task<RouteDetails> CreateRouteAsync(string slug, RouteType type)
    {
        var routeId = ResourceId.New(ResourceId.Route);
        var route = await GrainFactory.GetGrain<IRouteGrain>(routeId).InitializeAsync(this.GetPrimaryKeyString(), slug, type);
        project.State.Routes.Add(new RouteSummary(routeId, slug, type));
        return route;
    }

    private ProjectDetails Details() => new(
        this.GetPrimaryKeyString(),
        project.State.TeamId,
        project.State.Name,
        project.State.Sid,
        trackingHosts.Value.HostFor(project.State.Sid),
        project.State.CreatedAt,
        [.. project.State.Routes],
        project.State.ClickFallbackUrl);
}

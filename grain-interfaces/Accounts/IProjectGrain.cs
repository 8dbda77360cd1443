namespace Engagement.Contracts.Accounts;

/// <summary>A sending project: short id, tracking domain, API token hashes and routes. Keyed by project id.</summary>
[Alias("engagement.IProjectGrain")]
public interface IProjectGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<ProjectDetails> CreateAsync(string teamId, string name, string tokenHash);

    [Alias("Get")]
    Task<ProjectDetails?> GetAsync();

    [Alias("AcceptsToken")]
    Task<bool> AcceptsTokenAsync(string tokenHash);

    /// <summary>Sets (or clears, with null) where a click with an unreadable token is sent instead of a 404 page.</summary>
    [Alias("SetClickFallback")]
    Task<ProjectDetails?> SetClickFallbackAsync(string? url);

    [Alias("AddRoute")]
    Task<RouteOutcome> AddRouteAsync(string slug, RouteType type);

    /// <summary>Finds one of this project's routes by id or slug; null when the project has no such route.</summary>
    [Alias("FindRoute")]
    Task<RouteSummary?> FindRouteAsync(string idOrSlug);
}

namespace Engagement.Contracts.Accounts;

/// <summary>A route's type and default tracking settings. Keyed by route id.</summary>
[Alias("engagement.IRouteGrain")]
public interface IRouteGrain : IGrainWithStringKey
{
    [Alias("Initialize")]
    Task<RouteDetails> InitializeAsync(string projectId, string slug, RouteType type);

    [Alias("Get")]
    Task<RouteDetails?> GetAsync();

    [Alias("Change")]
    Task<RouteOutcome> ChangeAsync(RouteChange change);
}

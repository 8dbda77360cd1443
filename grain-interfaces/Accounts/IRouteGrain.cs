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

    /// <summary>Records a webhook of this route (idempotent); the webhook grain owns the webhook itself.</summary>
    [Alias("AddWebhook")]
    Task AddWebhookAsync(string webhookId);

    [Alias("RemoveWebhook")]
    Task RemoveWebhookAsync(string webhookId);

    [Alias("GetWebhooks")]
    Task<IReadOnlyList<string>> GetWebhooksAsync();
}

using Engagement.Contracts.Accounts;
using Engagement.Grains.Storage;

namespace Engagement.Grains.Accounts;

[GrainType("route")]
public sealed class RouteGrain(
    [PersistentState(StorageNames.Route, StorageNames.Provider)] IPersistentState<RouteState> route,
    TimeProvider clock) : Grain, IRouteGrain
{
    async Task<RouteDetails> IRouteGrain.InitializeAsync(string projectId, string slug, RouteType type)
    {
        if (!route.RecordExists)
        {
            // Tracking is opt-in: a new route tracks nothing until the customer turns it on.
            route.State = new RouteState { ProjectId = projectId, Slug = slug, Type = type, CreatedAt = clock.GetUtcNow() };
            await route.WriteStateAsync();
        }

        return Details();
    }

    Task<RouteDetails?> IRouteGrain.GetAsync() => Task.FromResult(route.RecordExists ? Details() : null);

    async Task<RouteOutcome> IRouteGrain.ChangeAsync(RouteChange change)
    {
        if (!route.RecordExists)
        {
            return RouteOutcome.Refused(RouteRefusal.UnknownRoute);
        }

        // Inbound mail is the customer's received mail: tracking it would spy on their correspondents.
        if (route.State.Type == RouteType.Inbound && (change.TrackOpens == true || change.TrackClicks == true))
        {
            return RouteOutcome.Refused(RouteRefusal.InboundRefusesTracking);
        }

        route.State.TrackOpens = change.TrackOpens ?? route.State.TrackOpens;
        route.State.TrackClicks = change.TrackClicks ?? route.State.TrackClicks;
        route.State.TrapLink = change.TrapLink ?? route.State.TrapLink;
        await route.WriteStateAsync();
        return RouteOutcome.Accepted(Details());
    }

    async Task IRouteGrain.AddWebhookAsync(string webhookId)
    {
        if (route.RecordExists && !route.State.WebhookIds.Contains(webhookId))
        {
            route.State.WebhookIds.Add(webhookId);
            await route.WriteStateAsync();
        }
    }

    async Task IRouteGrain.RemoveWebhookAsync(string webhookId)
    {
        if (route.RecordExists && route.State.WebhookIds.Remove(webhookId))
        {
            await route.WriteStateAsync();
        }
    }

    Task<IReadOnlyList<string>> IRouteGrain.GetWebhooksAsync() =>
        Task.FromResult<IReadOnlyList<string>>(route.RecordExists ? [.. route.State.WebhookIds] : []);

    private RouteDetails Details() => new(
        this.GetPrimaryKeyString(),
        route.State.ProjectId,
        route.State.Slug,
        route.State.Type,
        route.State.TrackOpens,
        route.State.TrackClicks,
        route.State.CreatedAt,
        route.State.TrapLink);
}

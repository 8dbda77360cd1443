using Engagement.Api.Auth;
using Engagement.Api.Http;
using Engagement.Contracts.Accounts;
using Engagement.Contracts.Identifiers;
using Engagement.Contracts.Webhooks;

namespace Engagement.Api.Endpoints;

/// <summary>
/// Webhooks of a route, managed with a team token or the route's project token. Another tenant's webhook answers
/// 404 exactly like a missing one.
/// </summary>
public static class WebhookEndpoints
{
    private const int MaxUrlLength = 2048;
    private const int DefaultPage = 20;
    private const int MaxPage = 100;

    public sealed record CreateWebhookRequest(string? Url, List<string>? Events, bool? IncludeMachineEvents, bool? Enabled);

    public sealed record ChangeWebhookRequest(string? Url, List<string>? Events, bool? IncludeMachineEvents, bool? Enabled);

    public static void MapWebhookEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapPost("/routes/{id}/webhooks", CreateAsync).WithSummary("Add a webhook to a route; its signing secret is shown once.");
        v1.MapGet("/routes/{id}/webhooks", ListAsync).WithSummary("The route's webhooks, oldest first.");
        v1.MapGet("/webhooks/{id}", GetAsync).WithSummary("Read a webhook.");
        v1.MapPatch("/webhooks/{id}", ChangeAsync).WithSummary("Change a webhook's url, events, include_machine_events or enabled.");
        v1.MapDelete("/webhooks/{id}", DeleteAsync).WithSummary("Delete a webhook and its delivery log.");
        v1.MapPost("/webhooks/{id}/rotate-secret", RotateAsync).WithSummary("New signing secret; the old one keeps signing beside it for 24 h.");
        v1.MapPost("/webhooks/{id}/test", TestAsync).WithSummary("Send a sample event now and return the receiver's answer.");
        v1.MapGet("/webhooks/{id}/deliveries", DeliveriesAsync).WithSummary("The webhook's deliveries, newest first, with every attempt.");
        v1.MapPost("/webhooks/{id}/deliveries/{delivery}/replay", ReplayAsync).WithSummary("Send a delivery again now.");
    }

    private static async Task<IResult> CreateAsync(string id, HttpRequest request, Caller caller, IClusterClient cluster)
    {
        var (route, routeError) = await OwnRouteAsync(id, caller, cluster);
        if (routeError is not null)
        {
            return routeError;
        }

        var (body, error) = await JsonBody.ReadAsync<CreateWebhookRequest>(request, ApiJson.Options);
        if (error is not null)
        {
            return error;
        }

        if (body!.Url is null)
        {
            return ApiError.Validation("url", "'url' is required.");
        }

        var fieldError = UrlError(body.Url) ?? EventsError(body.Events);
        if (fieldError is not null)
        {
            return fieldError;
        }

        var definition = new WebhookDefinition(
            route!.ProjectId, route.Id, body.Url, body.Events ?? [.. WebhookEventTypes.All], body.IncludeMachineEvents ?? false, body.Enabled ?? true);
        var webhookId = WebhookIds.New();
        var outcome = await cluster.GetGrain<IWebhookGrain>(webhookId).CreateAsync(definition);
        return outcome.Webhook is not null
            ? Results.Created($"/v1/webhooks/{webhookId}", WebhookView.Of(outcome.Webhook))
            : Refused(outcome);
    }

    private static async Task<IResult> ListAsync(string id, Caller caller, IClusterClient cluster)
    {
        var (route, routeError) = await OwnRouteAsync(id, caller, cluster);
        if (routeError is not null)
        {
            return routeError;
        }

        var ids = await cluster.GetGrain<IRouteGrain>(route!.Id).GetWebhooksAsync();
        var webhooks = await Task.WhenAll(ids.Select(webhookId => cluster.GetGrain<IWebhookGrain>(webhookId).GetAsync()));
        return Results.Ok(new { data = webhooks.OfType<WebhookDetails>().Select(WebhookView.Of) });
    }

    private static async Task<IResult> GetAsync(string id, Caller caller, IClusterClient cluster)
    {
        var (webhook, error) = await OwnWebhookAsync(id, caller, cluster);
        return error ?? Results.Ok(WebhookView.Of(webhook!));
    }

    private static async Task<IResult> ChangeAsync(string id, HttpRequest request, Caller caller, IClusterClient cluster)
    {
        var (webhook, error) = await OwnWebhookAsync(id, caller, cluster);
        if (error is not null)
        {
            return error;
        }

        var (body, bodyError) = await JsonBody.ReadAsync<ChangeWebhookRequest>(request, ApiJson.Options);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var fieldError = (body!.Url is null ? null : UrlError(body.Url)) ?? (body.Events is null ? null : EventsError(body.Events));
        if (fieldError is not null)
        {
            return fieldError;
        }

        var outcome = await cluster.GetGrain<IWebhookGrain>(webhook!.Id)
            .ChangeAsync(new WebhookChange(body.Url, body.Events, body.IncludeMachineEvents, body.Enabled));
        return outcome.Webhook is not null ? Results.Ok(WebhookView.Of(outcome.Webhook)) : Refused(outcome);
    }

    private static async Task<IResult> DeleteAsync(string id, Caller caller, IClusterClient cluster)
    {
        var (webhook, error) = await OwnWebhookAsync(id, caller, cluster);
        if (error is not null)
        {
            return error;
        }

        return await cluster.GetGrain<IWebhookGrain>(webhook!.Id).DeleteAsync() ? Results.NoContent() : ApiError.NotFound("Webhook");
    }

    private static async Task<IResult> RotateAsync(string id, Caller caller, IClusterClient cluster)
    {
        var (webhook, error) = await OwnWebhookAsync(id, caller, cluster);
        if (error is not null)
        {
            return error;
        }

        var outcome = await cluster.GetGrain<IWebhookGrain>(webhook!.Id).RotateSecretAsync();
        return outcome.Webhook is not null ? Results.Ok(WebhookView.Of(outcome.Webhook)) : Refused(outcome);
    }

    private static async Task<IResult> TestAsync(string id, Caller caller, IClusterClient cluster)
    {
        var (webhook, error) = await OwnWebhookAsync(id, caller, cluster);
        if (error is not null)
        {
            return error;
        }

        var attempt = await cluster.GetGrain<IWebhookGrain>(webhook!.Id).SendTestAsync();
        return attempt is null
            ? ApiError.NotFound("Webhook")
            : Results.Ok(new
            {
                delivered = attempt.StatusCode is >= 200 and < 300,
                attempt.StatusCode,
                attempt.LatencyMs,
                attempt.ResponseBody,
                attempt.Error,
                attempt.AttemptedAt,
            });
    }

    private static async Task<IResult> DeliveriesAsync(string id, Caller caller, IClusterClient cluster, string? cursor, int? limit)
    {
        var (webhook, error) = await OwnWebhookAsync(id, caller, cluster);
        if (error is not null)
        {
            return error;
        }

        long? before = null;
        if (cursor is not null)
        {
            if (!long.TryParse(cursor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                return ApiError.Validation("cursor", "'cursor' must be a next_cursor value from an earlier page.");
            }

            before = parsed;
        }

        if (limit is < 1 or > MaxPage)
        {
            return ApiError.Validation("limit", $"'limit' must be between 1 and {MaxPage}.");
        }

        var page = await cluster.GetGrain<IWebhookGrain>(webhook!.Id).GetDeliveriesAsync(before, limit ?? DefaultPage);
        return page is null
            ? ApiError.NotFound("Webhook")
            : Results.Ok(new { data = page.Deliveries.Select(DeliveryView.Of), next_cursor = page.Before?.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    private static async Task<IResult> ReplayAsync(string id, string delivery, Caller caller, IClusterClient cluster)
    {
        var (webhook, error) = await OwnWebhookAsync(id, caller, cluster);
        if (error is not null)
        {
            return error;
        }

        var replayed = WebhookIds.TryReadDelivery(delivery, out var deliveryId)
            ? await cluster.GetGrain<IWebhookGrain>(webhook!.Id).ReplayAsync(deliveryId)
            : null;
        return replayed is null ? ApiError.NotFound("Delivery") : Results.Accepted(value: DeliveryView.Of(replayed));
    }

    private static IResult Refused(WebhookOutcome outcome) => outcome.Refusal switch
    {
        WebhookRefusal.UrlRefused => ApiError.Unprocessable("url_refused", outcome.Message!, "url"),
        WebhookRefusal.UnknownEventType => ApiError.Validation("events", outcome.Message!),
        _ => ApiError.NotFound("Webhook"),
    };

    private static IResult? UrlError(string url) =>
        url.Length <= MaxUrlLength
        && Uri.TryCreate(url, UriKind.Absolute, out var parsed)
        && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp)
        && parsed.Host.Length > 0
            ? null
            : ApiError.Validation("url", $"'url' must be an absolute https URL of at most {MaxUrlLength} characters.");

    private static IResult? EventsError(List<string>? events)
    {
        if (events is null)
        {
            return null;
        }

        if (events.Count == 0)
        {
            return ApiError.Validation("events", "'events' must name at least one event type.");
        }

        var index = events.FindIndex(e => !WebhookEventTypes.All.Contains(e));
        return index < 0
            ? null
            : ApiError.Validation($"events[{index}]", $"'events[{index}]' must be one of {string.Join(", ", WebhookEventTypes.All)}.");
    }

    /// <summary>The route, if the caller may manage its webhooks; otherwise the 403 or the same 404 a missing route gets.</summary>
    private static async Task<(RouteDetails? Route, IResult? Error)> OwnRouteAsync(string id, Caller caller, IClusterClient cluster)
    {
        if (caller.Kind == CallerKind.Operator)
        {
            return (null, ApiError.Forbidden("Webhooks are managed with a team or project token."));
        }

        var route = ResourceId.IsValid(id, ResourceId.Route) ? await cluster.GetGrain<IRouteGrain>(id).GetAsync() : null;
        return route is not null && await OwnsProjectAsync(caller, route.ProjectId, cluster)
            ? (route, null)
            : (null, ApiError.NotFound("Route"));
    }

    /// <summary>The webhook, if the caller may manage it; otherwise the 403 or the same 404 a missing webhook gets.</summary>
    private static async Task<(WebhookDetails? Webhook, IResult? Error)> OwnWebhookAsync(string id, Caller caller, IClusterClient cluster)
    {
        if (caller.Kind == CallerKind.Operator)
        {
            return (null, ApiError.Forbidden("Webhooks are managed with a team or project token."));
        }

        var webhook = WebhookIds.IsValid(id) ? await cluster.GetGrain<IWebhookGrain>(id).GetAsync() : null;
        return webhook is not null && await OwnsProjectAsync(caller, webhook.ProjectId, cluster)
            ? (webhook, null)
            : (null, ApiError.NotFound("Webhook"));
    }

    private static async Task<bool> OwnsProjectAsync(Caller caller, string projectId, IClusterClient cluster) =>
        caller.Kind switch
        {
            CallerKind.Project => caller.Id == projectId,
            CallerKind.Team => (await cluster.GetGrain<IProjectGrain>(projectId).GetAsync())?.TeamId == caller.Id,
            _ => false,
        };
}

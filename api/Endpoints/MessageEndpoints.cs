using Engagement.Api.Auth;
using Engagement.Api.Http;
using Engagement.Api.Sending;
using Engagement.Contracts.Messages;
using Engagement.Contracts.Tokens;

namespace Engagement.Api.Endpoints;

public static class MessageEndpoints
{
    public static void MapMessageEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/messages/{id}/events", EventsAsync)
            .WithSummary("A message's events in webhook envelopes (project token); machine events with include_machine=true.");
        v1.MapGet("/messages/{id}", GetAsync).WithSummary("Read a sent message with each recipient's html and text (project token).");
    }

    private static async Task<IResult> EventsAsync(string id, Caller caller, IClusterClient cluster, bool? include_machine)
    {
        if (caller.Kind != CallerKind.Project)
        {
            return ApiError.Forbidden("Messages are read with the project token that sent them.");
        }

        var events = MessageIds.IsValid(id) ? await cluster.GetGrain<IMessageGrain>(id).GetEventsAsync(caller.Id, include_machine ?? false) : null;
        return events is null ? ApiError.NotFound("Message") : Results.Ok(new { data = events.Select(MessageJson.Of) });
    }

    private static async Task<IResult> GetAsync(string id, Caller caller, IClusterClient cluster)
    {
        if (caller.Kind != CallerKind.Project)
        {
            return ApiError.Forbidden("Messages are read with the project token that sent them.");
        }

        if (!MessageIds.IsValid(id))
        {
            return ApiError.NotFound("Message");
        }

        var message = await cluster.GetGrain<IMessageGrain>(id).GetAsync(caller.Id);
        return message is null ? ApiError.NotFound("Message") : Results.Ok(MessageJson.Of(message));
    }
}

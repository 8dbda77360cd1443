using Engagement.Api.Auth;
using Engagement.Api.Http;
using Engagement.Api.Sending;
using Engagement.Contracts.Messages;

namespace Engagement.Api.Endpoints;

public static class MessageEndpoints
{
    public static void MapMessageEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/messages/{id}", GetAsync).WithSummary("Read a sent message with each recipient's html and text (project token).");
    }

    private static async Task<IResult> GetAsync(string id, Caller caller, IClusterClient cluster)
    {
        if (caller.Kind != CallerKind.Project)
        {
            return ApiError.Forbidden("Messages are read with the project token that sent them.");
        }

        if (!MessageIdentity.IsValid(id))
        {
            return ApiError.NotFound("Message");
        }

        var message = await cluster.GetGrain<IMessageGrain>(id).GetAsync(caller.Id);
        return message is null ? ApiError.NotFound("Message") : Results.Ok(MessageJson.Of(message));
    }
}

using Engagement.Api.Auth;
using Engagement.Api.Http;
using Engagement.Api.Sending;
using Engagement.Contracts.Privacy;

namespace Engagement.Api.Endpoints;

public static class PrivacyEndpoints
{
    public static void MapPrivacyEndpoints(this RouteGroupBuilder v1) =>
        v1.MapPost("/privacy/erase", EraseAsync)
            .WithSummary("Erases a recipient's observations, events and address in the project's messages; idempotent (project token).");

    private static async Task<IResult> EraseAsync(HttpRequest request, Caller caller, IClusterClient cluster)
    {
        if (caller.Kind != CallerKind.Project)
        {
            return ApiError.Forbidden("Recipients are erased with the project's token.");
        }

        var (body, error) = await JsonBody.ReadAsync<EraseRequest>(request, ApiJson.Options);
        if (body is null)
        {
            return error!;
        }

        // Only an address that could have been sent to: erasure takes the address out of text other recipients share, and
        // a fragment such as "@" or "a@b" would cut it out of every address and link there.
        var recipient = body.Recipient?.Trim();
        if (string.IsNullOrEmpty(recipient) || recipient.Length > 320 || !DeliverableAddress.IsValid(recipient))
        {
            return ApiError.Validation("recipient", "'recipient' must be the recipient's email address.");
        }

        var report = await cluster.GetGrain<IErasureGrain>(0).EraseRecipientAsync(caller.Id, recipient);
        return Results.Ok(new { erased = report });
    }

    private sealed record EraseRequest(string? Recipient);
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Engagement.Api.Http;
using Engagement.Contracts.Accounts;
using Engagement.Contracts.Messages;

namespace Engagement.Api.Sending;

/// <summary>
/// Sends one email for a project: reads it strictly, validates it, resolves its route, and hands it to its
/// message grain. Shared by the single and the batch endpoint so both apply exactly the same rules.
/// </summary>
public sealed class EmailSender(IClusterClient cluster)
{
    public async Task<SendResult> SendAsync(string projectId, JsonObject email, string messageId)
    {
        SendRequest? request;
        try
        {
            request = email.Deserialize<SendRequest>(ApiJson.Options);
        }
        catch (JsonException e)
        {
            return SendResult.Refused(SendProblem.Invalid(JsonBody.FieldOf(e), JsonBody.MessageOf(e)));
        }

        var (valid, problem) = SendValidation.Check(request!);
        if (problem is not null)
        {
            return SendResult.Refused(problem);
        }

        var route = await cluster.GetGrain<IProjectGrain>(projectId).FindRouteAsync(valid!.Route ?? ProjectRoutes.DefaultSlug);
        if (route is null)
        {
            return SendResult.Refused(SendProblem.Unprocessable("unknown_route", "route",
                valid.Route is null
                    ? "The project has no default route."
                    : $"The project has no route '{valid.Route}' (give a route id or slug of this project)."));
        }

        var submission = new MessageSubmission(
            projectId, route.Id, valid.From, valid.Recipients, valid.ReplyTo, valid.Subject, valid.Html, valid.Text,
            valid.Headers, valid.Metadata, valid.Tag, valid.Tracking, MessageIdentity.FingerprintOf(email.ToJsonString()));
        var outcome = await cluster.GetGrain<IMessageGrain>(messageId).AcceptAsync(submission);
        return outcome.Refusal switch
        {
            null => SendResult.Accepted(outcome.MessageId, outcome.Status),
            AcceptRefusal.InboundRoute => SendResult.Refused(SendProblem.Unprocessable("inbound_route", "route",
                $"Route '{route.Slug}' is an inbound route; mail cannot be sent through it.")),
            AcceptRefusal.IdempotencyKeyReused => SendResult.Refused(SendProblem.Unprocessable("idempotency_key_reused", "Idempotency-Key",
                "This Idempotency-Key was already used for a different request; use a new key for a new email.")),
            _ => SendResult.Refused(SendProblem.Unprocessable("unknown_route", "route", "The route no longer exists.")),
        };
    }
}

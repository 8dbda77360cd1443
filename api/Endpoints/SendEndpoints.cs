using System.Text.Json.Nodes;
using Engagement.Api.Auth;
using Engagement.Api.Http;
using Engagement.Api.Sending;
using Engagement.Contracts.Tokens;

namespace Engagement.Api.Endpoints;

public static class SendEndpoints
{
    private const string IdempotencyHeader = "Idempotency-Key";
    private const int BatchParallelism = 16;

    public static void MapSendEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapPost("/send", SendAsync).WithSummary("Send one email (project token); 202 with its message id.");
        v1.MapPost("/send/batch", SendBatchAsync).WithSummary("Send up to 500 emails with shared defaults (project token); a result per email.");
    }

    private static async Task<IResult> SendAsync(HttpRequest request, Caller caller, EmailSender sender)
    {
        if (caller.Kind != CallerKind.Project)
        {
            return ApiError.Forbidden("Mail is sent with a project token.");
        }

        var (key, error) = IdempotencyKeyOf(request);
        if (error is not null)
        {
            return error;
        }

        var (email, bodyError) = await JsonBody.ReadAsync<JsonObject>(request, ApiJson.Options);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var messageId = key is null ? MessageIds.New() : MessageIdentity.ForIdempotencyKey(caller.Id, key);
        var result = await sender.SendAsync(caller.Id, email!, messageId);
        return Results.Json(result.Body, statusCode: result.HttpStatus);
    }

    private static async Task<IResult> SendBatchAsync(HttpRequest request, Caller caller, EmailSender sender)
    {
        if (caller.Kind != CallerKind.Project)
        {
            return ApiError.Forbidden("Mail is sent with a project token.");
        }

        var (key, error) = IdempotencyKeyOf(request);
        if (error is not null)
        {
            return error;
        }

        var (body, bodyError) = await JsonBody.ReadAsync<JsonObject>(request, ApiJson.Options);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var (emails, defaults, shapeError) = BatchShapeOf(body!);
        if (shapeError is not null)
        {
            return shapeError;
        }

        var results = new object[emails!.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, emails.Count),
            new ParallelOptions { MaxDegreeOfParallelism = BatchParallelism, CancellationToken = request.HttpContext.RequestAborted },
            async (index, _) =>
            {
                var result = emails[index] is JsonObject email
                    ? await sender.SendAsync(caller.Id, WithDefaults(email, defaults), key is null ? MessageIds.New() : MessageIdentity.ForIdempotencyKey(caller.Id, key, index))
                    : SendResult.Refused(SendProblem.Invalid("emails", "Each entry of 'emails' must be a JSON object."));
                results[index] = result.Problem is null
                    ? new { index, http_status = result.HttpStatus, message_id = result.MessageId, status = SendResult.StatusWord(result.Status!.Value) }
                    : new { index, http_status = result.HttpStatus, error = result.Problem.Error };
            });

        return Results.Ok(new { data = results });
    }

    private static (JsonArray? Emails, JsonObject? Defaults, IResult? Error) BatchShapeOf(JsonObject body)
    {
        foreach (var (name, _) in body)
        {
            if (name is not ("emails" or "defaults"))
            {
                return (null, null, ApiError.Validation(name, $"Unknown field '{name}'; a batch has 'emails' and optional 'defaults'."));
            }
        }

        if (body["defaults"] is not (null or JsonObject))
        {
            return (null, null, ApiError.Validation("defaults", "'defaults' must be an object with fields of an email."));
        }

        if (body["emails"] is not JsonArray emails || emails.Count == 0)
        {
            return (null, null, ApiError.Validation("emails", "'emails' must be a non-empty list of emails."));
        }

        return emails.Count > SendLimits.MaxBatchEmails
            ? (null, null, ApiError.Unprocessable("batch_too_large", $"A batch may hold at most {SendLimits.MaxBatchEmails} emails; this one has {emails.Count}.", "emails"))
            : (emails, body["defaults"] as JsonObject, null);
    }

    /// <summary>Each default applies to an email that does not set that field itself.</summary>
    private static JsonObject WithDefaults(JsonObject email, JsonObject? defaults)
    {
        var merged = new JsonObject();
        foreach (var (name, value) in defaults ?? [])
        {
            if (!email.ContainsKey(name))
            {
                merged[name] = value?.DeepClone();
            }
        }

        foreach (var (name, value) in email)
        {
            merged[name] = value?.DeepClone();
        }

        return merged;
    }

    private static (string? Key, IResult? Error) IdempotencyKeyOf(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(IdempotencyHeader, out var values))
        {
            return (null, null);
        }

        var key = values.ToString();
        return key.Length is 0 or > SendLimits.MaxIdempotencyKeyLength || key.Any(c => c < ' ' || c > '~')
            ? (null, ApiError.Validation(IdempotencyHeader, $"'{IdempotencyHeader}' must be 1 to {SendLimits.MaxIdempotencyKeyLength} printable ASCII characters."))
            : (key, null);
    }
}

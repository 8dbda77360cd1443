using System.Net;
using Engagement.Api.Auth;
using Engagement.Api.Http;
using Engagement.Contracts.Classification;
using Engagement.Contracts.Tokens;

namespace Engagement.Api.Endpoints;

/// <summary>POST /v1/classify: what the classifier makes of a described hit, and why. Records nothing.</summary>
public static class ClassifyEndpoints
{
    private const int MaxHeaders = 64;
    private const int MaxValueLength = 2048;

    public sealed record ClassifyRequest(
        string? Kind,
        string? Method,
        string? Ip,
        string? UserAgent,
        Dictionary<string, string?>? Headers,
        double? SecondsAfterSend);

    public static void MapClassifyEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapPost("/classify", ClassifyAsync)
            .WithSummary("Classify a described open or click (operator token): the bot object, device and client, and each signal with its weight.");
    }

    private static async Task<IResult> ClassifyAsync(HttpRequest request, Caller caller, IClusterClient cluster)
    {
        if (caller.Kind != CallerKind.Operator)
        {
            return ApiError.Forbidden("Only the operator token can classify observations.");
        }

        var (body, error) = await JsonBody.ReadAsync<ClassifyRequest>(request, ApiJson.Options);
        if (error is not null)
        {
            return error;
        }

        var (described, invalid) = Describe(body!);
        if (invalid is not null)
        {
            return invalid;
        }

        var result = await cluster.GetGrain<IClassificationGrain>(0).ClassifyAsync(described!);
        return Results.Json(new
        {
            bot = new
            {
                detected = result.Bot.Detected,
                probability = result.Bot.Probability,
                classification = result.Bot.Classification,
                proxy_type = result.Bot.ProxyType,
                reason_codes = result.Bot.ReasonCodes,
                machine = result.Bot.Machine,
                counts_for_metrics = result.Bot.CountsForMetrics,
            },
            device_type = result.Client.DeviceType,
            client_type = result.Client.ClientType,
            client_name = result.Client.ClientName,
            explanation = result.Bot.Explanation.Select(e => new { signal = e.Signal, weight = e.Weight, points_to = e.PointsTo }),
        });
    }

    private static (DescribedObservation? Described, IResult? Error) Describe(ClassifyRequest body)
    {
        TrackingKind kind;
        switch (body.Kind)
        {
            case "open": kind = TrackingKind.Open; break;
            case "click": kind = TrackingKind.Click; break;
            case null: return (null, ApiError.Validation("kind", "'kind' is required: \"open\" or \"click\"."));
            default: return (null, ApiError.Validation("kind", "'kind' must be \"open\" or \"click\"."));
        }

        var method = (body.Method ?? "GET").ToUpperInvariant();
        if (method is not ("GET" or "HEAD" or "POST" or "PUT" or "DELETE" or "OPTIONS" or "PATCH"))
        {
            return (null, ApiError.Validation("method", "'method' must be an HTTP method such as \"GET\" or \"HEAD\"."));
        }

        if (body.Ip is not null && !IPAddress.TryParse(body.Ip, out _))
        {
            return (null, ApiError.Validation("ip", "'ip' must be an IPv4 or IPv6 address."));
        }

        if (body.UserAgent is { Length: > MaxValueLength })
        {
            return (null, ApiError.Validation("user_agent", $"'user_agent' may be at most {MaxValueLength} characters."));
        }

        if (body.SecondsAfterSend is { } seconds && (double.IsNaN(seconds) || seconds < 0 || seconds > 400 * 24 * 3600))
        {
            return (null, ApiError.Validation("seconds_after_send", "'seconds_after_send' must be a number of seconds from 0 to 400 days."));
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (body.Headers is { Count: > MaxHeaders })
        {
            return (null, ApiError.Validation("headers", $"'headers' may hold at most {MaxHeaders} entries."));
        }

        foreach (var (name, value) in body.Headers ?? [])
        {
            if (value is null || value.Length > MaxValueLength || name.Length == 0 || name.Length > 256)
            {
                return (null, ApiError.Validation($"headers.{name}", $"Each header needs a name and a string value of at most {MaxValueLength} characters."));
            }

            headers[name] = value;
        }

        // The user agent may come in either place; the explicit field wins.
        var userAgent = body.UserAgent ?? headers.GetValueOrDefault("User-Agent");
        return (new DescribedObservation(kind, method, body.Ip, string.IsNullOrEmpty(userAgent) ? null : userAgent, headers, body.SecondsAfterSend), null);
    }
}

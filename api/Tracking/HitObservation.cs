using Engagement.Contracts.Tokens;
using Engagement.Contracts.Tracking;

namespace Engagement.Api.Tracking;

/// <summary>Builds the observation of a hit from its request: what classification needs, bounded in size.</summary>
public static class HitObservation
{
    private const int MaxHeaderValueLength = 512;
    private const int MaxHeadersLength = 8 * 1024;

    // Credentials are never kept; the rest describes the client and is what classification reads.
    private static readonly HashSet<string> Withheld = new(StringComparer.OrdinalIgnoreCase) { "Cookie", "Authorization", "Proxy-Authorization" };

    public static Observation From(HttpContext context, TrackingClaims claims, DateTimeOffset receivedAt)
    {
        var request = context.Request;
        var headers = new Dictionary<string, string>(request.Headers.Count, StringComparer.OrdinalIgnoreCase);
        var budget = MaxHeadersLength;
        foreach (var (name, values) in request.Headers)
        {
            if (Withheld.Contains(name))
            {
                continue;
            }

            var value = values.ToString();
            if (value.Length > MaxHeaderValueLength)
            {
                value = value[..MaxHeaderValueLength];
            }

            budget -= name.Length + value.Length;
            if (budget < 0)
            {
                break;
            }

            headers[name] = value;
        }

        var userAgent = request.Headers.UserAgent.ToString();
        return new Observation(
            Guid.CreateVersion7(receivedAt),
            claims.Kind,
            claims.MessageId,
            claims.RecipientIndex,
            claims.LinkIndex,
            receivedAt,
            request.Method,
            context.Connection.RemoteIpAddress?.ToString(),
            userAgent.Length == 0 ? null : userAgent[..Math.Min(userAgent.Length, MaxHeaderValueLength)],
            headers);
    }
}

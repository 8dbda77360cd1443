using Engagement.Contracts.Tokens;

namespace Engagement.Contracts.Tracking;

/// <summary>
/// One tracking hit as the API saw it. The id is made by the API, so a hit replayed from the API's spool is
/// recognised as the same observation and recorded once.
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.Observation")]
public sealed record Observation(
    [property: Id(0)] Guid Id,
    [property: Id(1)] TrackingKind Kind,
    [property: Id(2)] string MessageId,
    [property: Id(3)] int RecipientIndex,
    [property: Id(4)] int LinkIndex,
    [property: Id(5)] DateTimeOffset ReceivedAt,
    [property: Id(6)] string Method,
    [property: Id(7)] string? ClientIp,
    [property: Id(8)] string? UserAgent,
    [property: Id(9)] IReadOnlyDictionary<string, string> Headers);

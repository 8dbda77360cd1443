namespace Engagement.Contracts.Webhooks;

/// <summary>
/// One POST to a receiver: when, its status code (null when no answer came), how long it took, the start of the
/// receiver's body, and what went wrong when nothing was answered (timeout, refused address, connection error).
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.WebhookAttempt")]
public sealed record WebhookAttempt(
    [property: Id(0)] DateTimeOffset AttemptedAt,
    [property: Id(1)] int? StatusCode,
    [property: Id(2)] int LatencyMs,
    [property: Id(3)] string? ResponseBody,
    [property: Id(4)] string? Error);

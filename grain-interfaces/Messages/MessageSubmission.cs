namespace Engagement.Contracts.Messages;

/// <summary>
/// A validated send request, as the API hands it to the message grain. <see cref="Fingerprint"/> identifies the
/// request's content so that a retry under the same idempotency key can be told from a different request.
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.MessageSubmission")]
public sealed record MessageSubmission(
    [property: Id(0)] string ProjectId,
    [property: Id(1)] string RouteId,
    [property: Id(2)] string From,
    [property: Id(3)] IReadOnlyList<MessageRecipient> Recipients,
    [property: Id(4)] IReadOnlyList<string> ReplyTo,
    [property: Id(5)] string Subject,
    [property: Id(6)] string? Html,
    [property: Id(7)] string? Text,
    [property: Id(8)] IReadOnlyDictionary<string, string> Headers,
    [property: Id(9)] IReadOnlyDictionary<string, string> Metadata,
    [property: Id(10)] string? Tag,
    [property: Id(11)] TrackingOverride Tracking,
    [property: Id(12)] string Fingerprint);

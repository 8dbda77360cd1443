namespace Engagement.Contracts.Messages;

[GenerateSerializer, Immutable, Alias("engagement.MessageView")]
public sealed record MessageView(
    [property: Id(0)] string Id,
    [property: Id(1)] string ProjectId,
    [property: Id(2)] MessageStatus Status,
    [property: Id(3)] string RouteId,
    [property: Id(4)] string RouteSlug,
    [property: Id(5)] string From,
    [property: Id(6)] string Subject,
    [property: Id(7)] string? Tag,
    [property: Id(8)] IReadOnlyDictionary<string, string> Metadata,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] IReadOnlyList<MessageLink> Links,
    [property: Id(11)] IReadOnlyList<RecipientView> Recipients);

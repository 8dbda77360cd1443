namespace Engagement.Contracts.Messages;

[GenerateSerializer, Immutable, Alias("engagement.MessageRecipient")]
public sealed record MessageRecipient(
    [property: Id(0)] string Email,
    [property: Id(1)] RecipientKind Kind,
    [property: Id(2)] string? Name);

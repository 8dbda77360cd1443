namespace Engagement.Contracts.Messages;

/// <summary>One recipient of a message with exactly the html and text that recipient receives.</summary>
[GenerateSerializer, Immutable, Alias("engagement.RecipientView")]
public sealed record RecipientView(
    [property: Id(0)] string Email,
    [property: Id(1)] RecipientKind Kind,
    [property: Id(2)] bool TrackOpens,
    [property: Id(3)] bool TrackClicks,
    [property: Id(4)] DateTimeOffset TokenExpiresAt,
    [property: Id(5)] string? Html,
    [property: Id(6)] string? Text,
    [property: Id(7)] DateTimeOffset? OpenedAt,
    [property: Id(8)] DateTimeOffset? ClickedAt,
    [property: Id(9)] int Opens,
    [property: Id(10)] int Clicks);

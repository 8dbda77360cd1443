namespace Engagement.Contracts.Tokens;

/// <summary>
/// What a tracking token proves: which recipient of which message hit which link, until when, and for clicks the
/// exact destination, so a hit needs no lookup to be answered. LinkIndex is 0 for opens.
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.TrackingClaims")]
public sealed record TrackingClaims(
    [property: Id(0)] TrackingKind Kind,
    [property: Id(1)] string MessageId,
    [property: Id(2)] int RecipientIndex,
    [property: Id(3)] int LinkIndex,
    [property: Id(4)] DateTimeOffset ExpiresAt,
    [property: Id(5)] string? DestinationUrl)
{
    /// <summary>
    /// The link index of the honeypot link: beyond any real link's index, so its clicks are told apart without a lookup.
    /// </summary>
    public const int TrapLinkIndex = TrackingTokenCodec.MaxIndex;

    public static TrackingClaims Open(string messageId, int recipientIndex, DateTimeOffset expiresAt) =>
        new(TrackingKind.Open, messageId, recipientIndex, 0, expiresAt, null);

    public static TrackingClaims Click(string messageId, int recipientIndex, int linkIndex, DateTimeOffset expiresAt, string destinationUrl) =>
        new(TrackingKind.Click, messageId, recipientIndex, linkIndex, expiresAt, destinationUrl);
}

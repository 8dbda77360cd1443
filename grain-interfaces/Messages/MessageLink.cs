namespace Engagement.Contracts.Messages;

/// <summary>A tracked link of a message: its index in the click tokens, its destination and its visible text.</summary>
[GenerateSerializer, Immutable, Alias("engagement.MessageLink")]
public sealed record MessageLink(
    [property: Id(0)] int Index,
    [property: Id(1)] string Url,
    [property: Id(2)] string AnchorText);

using Engagement.Contracts.Tracking;

namespace Engagement.Contracts.Classification;

/// <summary>What the classifier makes of a hit: the bot object (with its explanation) and the client.</summary>
[GenerateSerializer, Immutable, Alias("engagement.ClassificationResult")]
public sealed record ClassificationResult(
    [property: Id(0)] BotVerdict Bot,
    [property: Id(1)] ClientProfile Client);

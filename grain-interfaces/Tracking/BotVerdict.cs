namespace Engagement.Contracts.Tracking;

/// <summary>
/// The `bot` object on every observation, event and webhook: whether a machine made the hit, of which kind,
/// why we think so, and whether it counts in engagement metrics.
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.BotVerdict")]
public sealed record BotVerdict(
    [property: Id(0)] bool Detected,
    [property: Id(1)] int Probability,
    [property: Id(2)] string Classification,
    [property: Id(3)] string? ProxyType,
    [property: Id(4)] IReadOnlyList<string> ReasonCodes,
    [property: Id(5)] bool Machine,
    [property: Id(6)] bool CountsForMetrics)
{
    public static BotVerdict Genuine { get; } = new(false, 0, "genuine", null, [], false, true);
}

namespace Engagement.Contracts.Tracking;

/// <summary>
/// The `bot` object on every observation, event and webhook: whether a machine made the hit, of which kind,
/// why we think so, and whether it counts in engagement metrics. <see cref="Explanation"/> lists every signal that
/// fired with its weight, so support staff can answer "why was this click not counted?".
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.BotVerdict")]
public sealed record BotVerdict(
    [property: Id(0)] bool Detected,
    [property: Id(1)] int Probability,
    [property: Id(2)] string Classification,
    [property: Id(3)] string? ProxyType,
    [property: Id(4)] IReadOnlyList<string> ReasonCodes,
    [property: Id(5)] bool Machine,
    [property: Id(6)] bool CountsForMetrics,
    [property: Id(7)] IReadOnlyList<ExplainedSignal> Explanation)
{
    public static BotVerdict Genuine { get; } = new(false, 0, "genuine", null, [], false, true, []);
}

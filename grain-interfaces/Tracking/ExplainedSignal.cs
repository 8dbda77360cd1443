namespace Engagement.Contracts.Tracking;

/// <summary>One signal that fired for a hit: its reason code, how strongly it weighed (0-100), and the class it points at.</summary>
[GenerateSerializer, Immutable, Alias("engagement.ExplainedSignal")]
public sealed record ExplainedSignal(
    [property: Id(0)] string Signal,
    [property: Id(1)] int Weight,
    [property: Id(2)] string PointsTo);

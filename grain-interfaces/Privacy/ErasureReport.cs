namespace Engagement.Contracts.Privacy;

/// <summary>
/// What erasing a recipient removed: its messages, observations and events, and the webhook delivery bodies that named
/// it; all zero when there was nothing (left) to erase. A hit is one row, an observation and its event at once, so
/// the observation and event counts are equal.
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.ErasureReport")]
public sealed record ErasureReport(
    [property: Id(0)] int Messages,
    [property: Id(1)] long Observations,
    [property: Id(2)] long Events,
    [property: Id(3)] long WebhookDeliveries);

namespace Engagement.Contracts.Messages;

/// <summary>
/// An event as webhooks deliver it: {id, event, timestamp, data}. The id is stable (derived from the observation),
/// so a retried delivery carries the same id. <see cref="Data"/> is the data object as JSON text.
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.EventEnvelope")]
public sealed record EventEnvelope(
    [property: Id(0)] string Id,
    [property: Id(1)] string Event,
    [property: Id(2)] DateTimeOffset Timestamp,
    [property: Id(3)] string Data)
{
    public static string IdOf(Guid eventId) => "evt_" + eventId.ToString("N");
}

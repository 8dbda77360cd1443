using Engagement.Contracts.Tracking;

namespace Engagement.Grains.Tracking;

/// <summary>
/// One classified observation and the event it became: the row the engagement log appends for a hit.
/// <see cref="EventData"/> is the event's `data` object, in UTF-8, exactly as webhooks and the events API show it, with the
/// verdict as <see cref="BotJson"/> writes it; a click's destination is also kept apart from the data, for the rollups.
/// <see cref="Revisions"/> are the earlier events this hit showed to be a machine's (a burst it completed, a trap it
/// took), which its commit re-labels.
/// </summary>
public sealed record EngagementEntry(
    Observation Observation,
    string ProjectId,
    string RouteId,
    string? Tag,
    string Recipient,
    bool FirstOfKind,
    BotVerdict Verdict,
    ClientProfile Client,
    byte[] EventData,
    string? DestinationUrl,
    DateTimeOffset SettlesAt)
{
    public IReadOnlyList<EventRevision> Revisions { get; init; } = [];

    public string EventType => EventTypes.For(Observation.Kind);
}

using Engagement.Contracts.Tracking;

namespace Engagement.Grains.Tracking;

/// <summary>
/// One classified observation and the event it became: the two rows the engagement log appends for a hit.
/// <see cref="EventData"/> is the event's `data` object exactly as webhooks and the events API show it; <see cref="Bot"/>
/// is the verdict as that data carries it (see <see cref="BotJson"/>); a click's destination is also kept apart from
/// the data, for the rollups.
/// </summary>
public sealed record EngagementEntry(
    Observation Observation,
    string ProjectId,
    string RouteId,
    string? Tag,
    string Recipient,
    bool FirstOfKind,
    BotVerdict Verdict,
    string Bot,
    ClientProfile Client,
    string EventData,
    string? DestinationUrl,
    DateTimeOffset SettlesAt)
{
    public string EventType => EventTypes.For(Observation.Kind);
}

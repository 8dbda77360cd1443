using System.Text.Json.Serialization;

namespace Engagement.Api.Reporting;

/// <summary>One hour or day of /v1/stats: its start in the requested zone, then the same figures as the total.</summary>
public sealed record StatsBucket(
    [property: JsonPropertyOrder(-1)] string Start,
    long Sent,
    StatsOpens Opens,
    StatsClicks Clicks,
    double? OpenRate,
    double? ClickRate,
    double? ClickToOpenRate,
    IReadOnlyDictionary<string, StatsEngagement> ByClassification)
    : StatsFigures(Sent, Opens, Clicks, OpenRate, ClickRate, ClickToOpenRate, ByClassification);

namespace Engagement.Api.Reporting;

/// <summary>The figures of /v1/stats, for one bucket or the whole range. Rates are of unique recipients; null without a denominator.</summary>
public record StatsFigures(
    long Sent,
    StatsOpens Opens,
    StatsClicks Clicks,
    double? OpenRate,
    double? ClickRate,
    double? ClickToOpenRate,
    IReadOnlyDictionary<string, StatsEngagement> ByClassification);

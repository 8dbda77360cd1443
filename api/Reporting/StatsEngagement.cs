namespace Engagement.Api.Reporting;

/// <summary>Opens and clicks of one classification, device type, client type or client.</summary>
public sealed record StatsEngagement(long Opens, long Clicks);

namespace Engagement.Api.Reporting;

/// <summary>One destination of /v1/stats/links; unique counts each recipient once per link.</summary>
public sealed record StatsLink(string DestinationUrl, int LinkIndex, StatsClicks Clicks);

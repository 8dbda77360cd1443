namespace Engagement.Api.Reporting;

public sealed record StatsClicks(long Total, long Unique);

namespace Engagement.Api.Endpoints;

public sealed record StatsClicks(long Total, long Unique);

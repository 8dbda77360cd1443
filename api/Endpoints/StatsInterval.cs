namespace Engagement.Api.Endpoints;

public enum StatsInterval
{
    Hour,
    Day,
}

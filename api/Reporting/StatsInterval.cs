namespace Engagement.Api.Reporting;

public enum StatsInterval
{
    Hour,
    Day,
}

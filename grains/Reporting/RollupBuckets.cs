namespace Engagement.Grains.Reporting;

/// <summary>
/// Rollups count in 15-minute UTC buckets: every zone in use is offset from UTC by a multiple of 15 minutes, so the
/// hours and days of any zone are unions of whole buckets.
/// </summary>
public static class RollupBuckets
{
    public static readonly TimeSpan Width = TimeSpan.FromMinutes(15);

    public static DateTimeOffset StartOf(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % Width.Ticks, TimeSpan.Zero);
    }
}

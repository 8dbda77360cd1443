namespace Engagement.Api.Reporting;

/// <summary>
/// The hours or days of a time zone that cover a range, as UTC instants. Rollups count in 15-minute UTC buckets and
/// every zone's offset is a multiple of 15 minutes, so walking the range in 15-minute steps and starting a new
/// bucket wherever the local hour or date changes gives exact boundaries, across DST changes too (a 23- or 25-hour day).
/// </summary>
public static class StatsBuckets
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The boundaries: bucket i is [result[i], result[i + 1]). The first bucket is the one <paramref name="from"/> falls
    /// in and the last the one just before <paramref name="to"/> (exclusive), so a range is widened to whole buckets.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> Boundaries(DateTimeOffset from, DateTimeOffset to, StatsInterval interval, TimeZoneInfo zone)
    {
        var at = Floor(from);
        var label = Label(at, interval, zone);
        while (Label(at - Step, interval, zone) == label)
        {
            at -= Step;
        }

        var boundaries = new List<DateTimeOffset> { at };
        for (at += Step; ; at += Step)
        {
            var next = Label(at, interval, zone);
            if (next != label)
            {
                boundaries.Add(at);
                label = next;
                if (at >= to)
                {
                    return boundaries;
                }
            }
        }
    }

    /// <summary>A boundary as the zone's local time with its offset at that instant, e.g. 2026-03-29T00:00:00+01:00.</summary>
    public static string Iso(DateTimeOffset boundary, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(boundary, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The start of the 15-minute rollup bucket an instant falls in.</summary>
    public static DateTimeOffset Floor(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % Step.Ticks, TimeSpan.Zero);
    }

    // An hour's label keeps its offset: when clocks go back, 02:00 summer time and 02:00 winter time are two hours.
    private static DateTimeOffset Label(DateTimeOffset at, StatsInterval interval, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return interval == StatsInterval.Day
            ? new DateTimeOffset(local.Date, TimeSpan.Zero)
            : new DateTimeOffset(local.Date.AddHours(local.Hour), local.Offset);
    }
}

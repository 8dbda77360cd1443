using Engagement.Api.Reporting;

namespace Engagement.Tests.Unit.Reporting;

public sealed class StatsBucketsTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    [Fact]
    public void Days_follow_the_zone_across_the_spring_change_a_23_hour_day()
    {
        var boundaries = StatsBuckets.Boundaries(
            DateTimeOffset.Parse("2026-03-28T12:00:00Z"), DateTimeOffset.Parse("2026-03-30T12:00:00Z"), StatsInterval.Day, Amsterdam);

        Assert.Equal(
            ["2026-03-28T00:00:00+01:00", "2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00", "2026-03-31T00:00:00+02:00"],
            boundaries.Select(b => StatsBuckets.Iso(b, Amsterdam)));
        Assert.Equal(TimeSpan.FromHours(23), boundaries[2] - boundaries[1]);
    }

    [Fact]
    public void Hours_repeat_when_the_clocks_go_back()
    {
        var boundaries = StatsBuckets.Boundaries(
            DateTimeOffset.Parse("2026-10-25T00:00:00Z"), DateTimeOffset.Parse("2026-10-25T02:00:00Z"), StatsInterval.Hour, Amsterdam);

        Assert.Equal(
            ["2026-10-25T02:00:00+02:00", "2026-10-25T02:00:00+01:00", "2026-10-25T03:00:00+01:00"],
            boundaries.Select(b => StatsBuckets.Iso(b, Amsterdam)));
    }

    [Fact]
    public void Half_hour_zones_get_their_own_midnights()
    {
        var boundaries = StatsBuckets.Boundaries(
            DateTimeOffset.Parse("2026-12-01T00:00:00Z"), DateTimeOffset.Parse("2026-12-02T00:00:00Z"), StatsInterval.Day, Kolkata);

        Assert.Equal(
            [DateTimeOffset.Parse("2026-11-30T18:30:00Z"), DateTimeOffset.Parse("2026-12-01T18:30:00Z"), DateTimeOffset.Parse("2026-12-02T18:30:00Z")],
            boundaries);
    }
}

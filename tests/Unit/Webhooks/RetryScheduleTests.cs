using Engagement.Grains.Webhooks;

namespace Engagement.Tests.Unit.Webhooks;

public sealed class RetryScheduleTests
{
    private static readonly RetrySchedule Standard = new(RetrySchedule.StandardDelays);

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 60)]
    [InlineData(3, 300)]
    [InlineData(4, 1800)]
    [InlineData(5, 7200)]
    [InlineData(6, 21600)]
    [InlineData(7, 43200)]
    [InlineData(8, 86400)]
    public void Each_retry_waits_its_delay_within_twenty_percent(int attemptsMade, int seconds)
    {
        var random = new Random(attemptsMade);
        var waits = Enumerable.Range(0, 200).Select(_ => Standard.DelayAfter(attemptsMade, null, random)!.Value.TotalSeconds).ToList();

        Assert.All(waits, w => Assert.InRange(w, seconds * 0.8, seconds * 1.2));
        Assert.True(waits.Max() - waits.Min() > seconds * 0.2, "the waits should be spread, not all equal");
    }

    [Fact]
    public void After_the_last_retry_the_delivery_has_failed_for_good()
    {
        Assert.Equal(8, Standard.Retries);
        Assert.Null(Standard.DelayAfter(9, null, new Random(1)));
        Assert.Null(Standard.DelayAfter(9, TimeSpan.FromSeconds(5), new Random(1)));
    }

    [Fact]
    public void Retry_after_replaces_the_scheduled_wait_up_to_a_day()
    {
        Assert.Equal(TimeSpan.FromSeconds(120), Standard.DelayAfter(1, TimeSpan.FromSeconds(120), new Random(1)));
        Assert.Equal(TimeSpan.FromSeconds(3), Standard.DelayAfter(6, TimeSpan.FromSeconds(3), new Random(1)));
        Assert.Equal(TimeSpan.FromHours(24), Standard.DelayAfter(1, TimeSpan.FromDays(30), new Random(1)));
        Assert.Equal(TimeSpan.Zero, Standard.DelayAfter(1, TimeSpan.FromSeconds(-5), new Random(1)));
    }

    [Fact]
    public void The_whole_schedule_keeps_trying_for_more_than_a_day()
    {
        var total = RetrySchedule.StandardDelays.Aggregate(TimeSpan.Zero, (sum, d) => sum + d * (1 - RetrySchedule.Jitter));
        Assert.True(total > TimeSpan.FromHours(24), $"{total}");
    }

    [Theory]
    [InlineData(200, AttemptVerdict.Delivered)]
    [InlineData(204, AttemptVerdict.Delivered)]
    [InlineData(301, AttemptVerdict.Retry)]
    [InlineData(400, AttemptVerdict.Final)]
    [InlineData(404, AttemptVerdict.Final)]
    [InlineData(408, AttemptVerdict.Retry)]
    [InlineData(410, AttemptVerdict.Final)]
    [InlineData(429, AttemptVerdict.Retry)]
    [InlineData(500, AttemptVerdict.Retry)]
    [InlineData(503, AttemptVerdict.Retry)]
    [InlineData(null, AttemptVerdict.Retry)]
    public void Answers_decide_between_delivered_retry_and_final(int? status, AttemptVerdict expected) =>
        Assert.Equal(expected, AttemptVerdicts.Of(status));
}

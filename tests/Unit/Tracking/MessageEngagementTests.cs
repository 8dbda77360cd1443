using Engagement.Contracts.Messages;
using Engagement.Grains.Tracking;
using Microsoft.Extensions.Time.Testing;

namespace Engagement.Tests.Unit.Tracking;

/// <summary>A message's counts and firsts, and what it remembers of its hits as time passes.</summary>
public sealed class MessageEngagementTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider clock = new(At);

    [Fact]
    public void A_retracted_click_stops_counting_and_the_next_counted_click_becomes_the_first()
    {
        var engagement = Engagement(1);
        var scan = Guid.NewGuid();
        var person = Guid.NewGuid();
        engagement.Apply(scan, EventTypes.Clicked, 0, At, counts: true);
        engagement.Apply(person, EventTypes.Clicked, 0, At.AddSeconds(3), counts: true);

        engagement.Retract(scan);
        engagement.Retract(scan);

        Assert.Equal((1, At.AddSeconds(3)), (engagement[0].Clicks, engagement[0].ClickedAt));
        Assert.True(engagement.HasSeen(scan));
        engagement.Retract(person);
        Assert.Equal((0, (DateTimeOffset?)null), (engagement[0].Clicks, engagement[0].ClickedAt));
        Assert.True(engagement.WouldBeFirst(EventTypes.Clicked, 0));
    }

    [Fact]
    public void A_hit_past_its_settle_window_keeps_counting_and_stays_the_first_when_a_later_one_is_retracted()
    {
        var engagement = Engagement(2);
        var early = Guid.NewGuid();
        engagement.Apply(early, EventTypes.Opened, 0, At, counts: true);
        engagement.Apply(Guid.NewGuid(), EventTypes.Opened, 1, At, counts: true);

        clock.Advance(TimeSpan.FromMinutes(2));
        var late = Guid.NewGuid();
        engagement.Apply(late, EventTypes.Opened, 0, clock.GetUtcNow(), counts: true);
        engagement.Retract(early);
        engagement.Retract(late);

        Assert.Equal((1, At), (engagement[0].Opens, engagement[0].OpenedAt));
        Assert.Equal((1, At), (engagement[1].Opens, engagement[1].OpenedAt));
        Assert.Equal(MessageStatus.Opened, engagement.Status);
    }

    [Fact]
    public void A_recorded_hit_is_remembered_for_the_memory_and_then_only_the_log_can_tell()
    {
        var engagement = Engagement(1);
        var hit = Guid.NewGuid();
        engagement.Apply(hit, EventTypes.Opened, 0, At, counts: true);

        clock.Advance(MessageEngagement.Memory - TimeSpan.FromSeconds(1));
        engagement.Apply(Guid.NewGuid(), EventTypes.Opened, 0, clock.GetUtcNow(), counts: true);
        Assert.True(engagement.HasSeen(hit));

        clock.Advance(TimeSpan.FromSeconds(1));
        var next = Guid.NewGuid();
        engagement.Apply(next, EventTypes.Opened, 0, clock.GetUtcNow(), counts: false);

        Assert.False(engagement.HasSeen(hit));
        Assert.True(engagement.MayHaveForgotten(At));
        Assert.True(engagement.HasSeen(next));
        Assert.False(engagement.MayHaveForgotten(clock.GetUtcNow()));
        Assert.Equal((2, At), (engagement[0].Opens, engagement[0].OpenedAt));
    }

    [Fact]
    public void A_replay_of_a_hit_received_long_ago_is_remembered_from_when_it_was_recorded()
    {
        var engagement = Engagement(1);
        var replayed = Guid.NewGuid();
        var receivedAt = At - TimeSpan.FromHours(3);

        engagement.Apply(replayed, EventTypes.Clicked, 0, receivedAt, counts: true);
        clock.Advance(TimeSpan.FromMinutes(5));
        engagement.Apply(Guid.NewGuid(), EventTypes.Opened, 0, clock.GetUtcNow(), counts: true);

        Assert.True(engagement.MayHaveForgotten(receivedAt));
        Assert.True(engagement.HasSeen(replayed));
        Assert.Equal((1, receivedAt), (engagement[0].Clicks, engagement[0].ClickedAt));
    }

    [Fact]
    public void Totals_from_the_log_count_before_the_hits_recorded_since()
    {
        var engagement = Engagement(1);
        engagement.ApplySettled(0, EventTypes.Opened, 5, At - TimeSpan.FromDays(2));
        engagement.Apply(Guid.NewGuid(), EventTypes.Opened, 0, At, counts: true);
        var click = Guid.NewGuid();
        engagement.Apply(click, EventTypes.Clicked, 0, At, counts: true);

        Assert.False(engagement.WouldBeFirst(EventTypes.Opened, 0));
        Assert.Equal((6, At - TimeSpan.FromDays(2)), (engagement[0].Opens, engagement[0].OpenedAt));
        engagement.Retract(click);
        Assert.Equal((6, 0), (engagement[0].Opens, engagement[0].Clicks));
        Assert.Equal(MessageStatus.Opened, engagement.Status);
    }

    private MessageEngagement Engagement(int recipients) => new(recipients, settleWindow: TimeSpan.FromSeconds(5), clock);
}

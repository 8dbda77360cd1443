using Engagement.Grains.Tracking;

namespace Engagement.Tests.Unit.Tracking;

public sealed class MessageEngagementRetractTests
{
    [Fact]
    public void A_retracted_click_stops_counting_and_the_next_counted_click_becomes_the_first()
    {
        var at = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
        var engagement = new MessageEngagement(1);
        var scan = Guid.NewGuid();
        var person = Guid.NewGuid();
        engagement.Apply(scan, EventTypes.Clicked, 0, at, counts: true);
        engagement.Apply(person, EventTypes.Clicked, 0, at.AddMinutes(5), counts: true);

        engagement.Retract(scan);
        engagement.Retract(scan);

        Assert.Equal((1, at.AddMinutes(5)), (engagement[0].Clicks, engagement[0].ClickedAt));
        Assert.True(engagement.HasSeen(scan));
        engagement.Retract(person);
        Assert.Equal((0, (DateTimeOffset?)null), (engagement[0].Clicks, engagement[0].ClickedAt));
        Assert.True(engagement.WouldBeFirst(EventTypes.Clicked, 0));
    }
}

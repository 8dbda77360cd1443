using Engagement.Contracts.Accounts;
using Engagement.Contracts.Messages;
using Engagement.Grains.Messages;

namespace Engagement.Tests.Unit.Messages;

public sealed class TrackingDecisionTests
{
    public static TheoryData<bool, bool, bool?, bool?, bool, bool> Matrix()
    {
        var data = new TheoryData<bool, bool, bool?, bool?, bool, bool>();
        bool?[] overrides = [null, true, false];
        foreach (var routeOpens in new[] { false, true })
        {
            foreach (var routeClicks in new[] { false, true })
            {
                foreach (var opens in overrides)
                {
                    foreach (var clicks in overrides)
                    {
                        data.Add(routeOpens, routeClicks, opens, clicks, opens ?? routeOpens, clicks ?? routeClicks);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Each_field_is_the_emails_override_or_else_the_routes_default(
        bool routeOpens, bool routeClicks, bool? overrideOpens, bool? overrideClicks, bool expectOpens, bool expectClicks)
    {
        var route = Route(RouteType.Broadcast, routeOpens, routeClicks);

        var decision = TrackingDecision.For(route, new TrackingOverride(overrideOpens, overrideClicks), hasHtml: true);

        Assert.Equal(new TrackingDecision(expectOpens, expectClicks), decision);
    }

    [Fact]
    public void Text_only_mail_is_never_tracked_whatever_the_settings()
    {
        var decision = TrackingDecision.For(Route(RouteType.Transactional, true, true), new TrackingOverride(true, true), hasHtml: false);

        Assert.Equal(new TrackingDecision(false, false), decision);
    }

    [Fact]
    public void Inbound_routes_never_track()
    {
        var decision = TrackingDecision.For(Route(RouteType.Inbound, false, false), new TrackingOverride(true, true), hasHtml: true);

        Assert.Equal(new TrackingDecision(false, false), decision);
    }

    private static RouteDetails Route(RouteType type, bool opens, bool clicks) =>
        new("rt_x", "prj_x", "r", type, opens, clicks, DateTimeOffset.UnixEpoch);
}

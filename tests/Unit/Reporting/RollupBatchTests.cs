using Engagement.Grains.Reporting;
using Engagement.Grains.Tracking;

namespace Engagement.Tests.Unit.Reporting;

public sealed class RollupBatchTests
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-12-01T12:00:00Z");

    [Fact]
    public void A_click_without_an_open_before_it_is_an_evident_open_counted_once()
    {
        var batch = RollupBatch.Of([Click(Noon, first: true), Open(Noon.AddHours(1), first: true)], new Dictionary<RecipientKey, EngagedRecipient>());

        Assert.Equal(4, batch.EvidentOpens.Values.Sum());
        Assert.Equal(1, batch.EvidentOpens[Scope(Noon)]);
        var all = new RollupScope("prj", RollupScope.All, RollupScope.All, RollupBuckets.StartOf(Noon));
        Assert.Equal(1, batch.EvidentOpens[all]);
        Assert.Equal(new EngagementCounts(0, 0, 1, 1), batch.Engagement[new EngagementKey(all, "genuine", true)]);
    }

    [Fact]
    public void An_open_arriving_late_with_an_earlier_time_moves_the_evident_open_to_its_bucket()
    {
        var first = RollupBatch.Of([Click(Noon, first: true)], new Dictionary<RecipientKey, EngagedRecipient>());
        var late = RollupBatch.Of([Open(Noon.AddHours(-3), first: true)], first.Recipients);

        Assert.Equal(-1, late.EvidentOpens[Scope(Noon) with { Tag = RollupScope.All }]);
        Assert.Equal(-1, late.EvidentOpens[Scope(Noon)]);
        Assert.Equal(1, late.EvidentOpens[Scope(Noon.AddHours(-3))]);
    }

    [Fact]
    public void Machine_hits_are_counted_apart_and_never_make_a_recipient_engaged()
    {
        var batch = RollupBatch.Of([Open(Noon, first: false, counts: false)], new Dictionary<RecipientKey, EngagedRecipient>());

        Assert.Empty(batch.EvidentOpens);
        Assert.Empty(batch.Recipients);
        Assert.Equal(new EngagementCounts(1, 0, 0, 0), batch.Engagement[new EngagementKey(Scope(Noon), "image_proxy", false)]);
    }

    [Fact]
    public void Unique_clicks_per_link_count_each_recipient_once_per_link()
    {
        var batch = RollupBatch.Of(
            [Click(Noon, first: true, link: 0), Click(Noon, first: false, link: 0), Click(Noon, first: false, link: 1)],
            new Dictionary<RecipientKey, EngagedRecipient>());

        Assert.Equal(new LinkCounts(2, 1), batch.Links[new LinkKey(Scope(Noon), 0, "https://shop.example/0", true)]);
        Assert.Equal(new LinkCounts(1, 1), batch.Links[new LinkKey(Scope(Noon), 1, "https://shop.example/1", true)]);
    }

    private static RollupScope Scope(DateTimeOffset at) => new("prj", "rt", "news", RollupBuckets.StartOf(at));

    private static FeedEvent Open(DateTimeOffset at, bool first, bool counts = true) =>
        Event(EventTypes.Opened, at, first, counts, null);

    private static FeedEvent Click(DateTimeOffset at, bool first, int link = 0) =>
        Event(EventTypes.Clicked, at, first, true, link);

    private static FeedEvent Event(string type, DateTimeOffset at, bool first, bool counts, int? link)
    {
        var id = Guid.NewGuid();
        return new FeedEvent(
            new FeedPosition(1, id), id, type, at, "prj", "rt", "news", "msg", 0, "ann@example.org", link, first, !counts, counts,
            counts ? "genuine" : "image_proxy", null, null, null, link is null ? null : $"https://shop.example/{link}", null);
    }
}

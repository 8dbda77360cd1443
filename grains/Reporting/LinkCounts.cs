using System.Numerics;

namespace Engagement.Grains.Reporting;

public readonly record struct LinkCounts(long Clicks, long UniqueClicks) : IAdditionOperators<LinkCounts, LinkCounts, LinkCounts>
{
    public static LinkCounts operator +(LinkCounts a, LinkCounts b) => new(a.Clicks + b.Clicks, a.UniqueClicks + b.UniqueClicks);
}

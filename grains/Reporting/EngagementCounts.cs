using System.Numerics;

namespace Engagement.Grains.Reporting;

public readonly record struct EngagementCounts(long Opens, long UniqueOpens, long Clicks, long UniqueClicks) : IAdditionOperators<EngagementCounts, EngagementCounts, EngagementCounts>
{
    public static EngagementCounts operator +(EngagementCounts a, EngagementCounts b) =>
        new(a.Opens + b.Opens, a.UniqueOpens + b.UniqueOpens, a.Clicks + b.Clicks, a.UniqueClicks + b.UniqueClicks);
}

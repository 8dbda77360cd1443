using System.Numerics;

namespace Engagement.Grains.Reporting;

public readonly record struct ClientCounts(long Opens, long Clicks) : IAdditionOperators<ClientCounts, ClientCounts, ClientCounts>
{
    public static ClientCounts operator +(ClientCounts a, ClientCounts b) => new(a.Opens + b.Opens, a.Clicks + b.Clicks);
}

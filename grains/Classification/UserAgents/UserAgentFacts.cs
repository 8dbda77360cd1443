using Engagement.Contracts.Tracking;

namespace Engagement.Grains.Classification.UserAgents;

/// <summary>Everything the classifier takes from a user agent, computed once per distinct string and cached.</summary>
public sealed record UserAgentFacts(
    EmailUserAgentPattern? Pattern,
    bool Crawler,
    bool Missing,
    bool Browser,
    int? ChromeMajor,
    ClientProfile Client)
{
    public static UserAgentFacts None { get; } = new(null, false, true, false, null, ClientProfile.Unknown);
}

namespace Engagement.Grains.Classification.UserAgents;

/// <summary>One of our own user-agent patterns for mail traffic (an entry of user-agents.json).</summary>
public sealed record EmailUserAgentPattern
{
    public required string Code { get; init; }

    public required string Pattern { get; init; }

    /// <summary>The class the pattern points at on an open (and on a click, unless <see cref="ClickClass"/> says otherwise).</summary>
    public required string Class { get; init; }

    public string? ClickClass { get; init; }

    public string? ProxyType { get; init; }

    /// <summary>0-100; 0 for patterns that only name the client.</summary>
    public int Weight { get; init; }

    public string? ClientType { get; init; }

    public string? ClientName { get; init; }

    public string? DeviceType { get; init; }

    public string Source { get; init; } = "";

    public string ClassFor(bool click) => click ? ClickClass ?? Class : Class;
}

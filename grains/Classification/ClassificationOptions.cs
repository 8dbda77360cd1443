namespace Engagement.Grains.Classification;

/// <summary>Configuration section "Classification".</summary>
public sealed class ClassificationOptions
{
    public const string Section = "Classification";

    /// <summary>Where networks.json, the range snapshots and the user-agent databases are; the build puts them beside the assembly.</summary>
    public string DataDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "classification");

    /// <summary>Where refreshed range files are kept (the last good copy survives restarts); empty keeps them in memory only.</summary>
    public string CacheDirectory { get; set; } = "";

    /// <summary>How long after a hit later evidence (a burst, a trap hit) may still revise its verdict; zero disables.</summary>
    public TimeSpan SettleWindow { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often each network's published ranges are fetched again; zero disables refreshing.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Per network name, a URL that replaces the one in networks.json (an internal mirror, say); empty disables that network's refresh.</summary>
    public Dictionary<string, string> RangeUrls { get; set; } = [];

    /// <summary>Distinct user agents whose parse is kept.</summary>
    public int UserAgentCacheSize { get; set; } = 50_000;

    /// <summary>Hits this soon after sending are what mail-security gateways do.</summary>
    public TimeSpan ScannerSecondsAfterSend { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A click this soon after sending with no open before it had no reader.</summary>
    public TimeSpan ClickWithoutOpenSeconds { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Hits from one source within this window make a burst.</summary>
    public TimeSpan BurstWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Distinct links clicked from one source within the burst window that make it a scanner's sweep (and the fewest links for which clicking all of them counts as one; CustomerMinds uses 3).</summary>
    public int BurstLinks { get; set; } = 3;

    /// <summary>Desktop Chrome below this major version, on a click, looks like a scanner's pinned build.</summary>
    public int OutdatedChromeBelow { get; set; } = 110;
}

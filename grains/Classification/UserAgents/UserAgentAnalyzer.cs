using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Engagement.Contracts.Tracking;

namespace Engagement.Grains.Classification.UserAgents;

/// <summary>
/// Turns a user agent into <see cref="UserAgentFacts"/>: our mail patterns first, then crawler-user-agents, then
/// uap-core for the client and device. Parsing an unseen string costs the regex databases; a repeated one is a
/// dictionary lookup (mail traffic repeats a few thousand distinct strings endlessly). Most unseen strings are a known
/// agent with new version numbers, so uap-core's answer is also kept by the agent's shape (digits folded), which
/// version numbers never change: "Chrome/153.0.7390.55" and "Chrome/153.0.7402.1" have one family and one system.
/// </summary>
public sealed partial class UserAgentAnalyzer(EmailUserAgentPatterns patterns, CrawlerPatterns crawlers, UapParser uap, int cacheCapacity = 50_000)
{
    private static readonly HashSet<string> Browsers = new(StringComparer.Ordinal)
    {
        "Chrome", "Chromium", "Firefox", "Safari", "Edge", "Opera", "Samsung Internet", "Brave", "Vivaldi", "Yandex Browser",
        "UC Browser", "IE", "Silk", "DuckDuckGo Mobile", "Whale", "Mobile Safari UI/WKWebView", "Chrome Mobile WebView",
    };

    private readonly ConcurrentDictionary<string, UserAgentFacts> cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, UapResult> byShape = new(StringComparer.Ordinal);

    public UserAgentFacts Analyze(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return UserAgentFacts.None;
        }

        if (cache.TryGetValue(userAgent, out var known))
        {
            return known;
        }

        var facts = Parse(userAgent);

        // Bounded: endless distinct strings make the cache start over rather than grow without limit.
        if (cache.Count >= cacheCapacity)
        {
            cache.Clear();
        }

        cache[userAgent] = facts;
        return facts;
    }

    private static string Shape(string userAgent)
    {
        var shape = new System.Text.StringBuilder(userAgent.Length);
        for (var i = 0; i < userAgent.Length; i++)
        {
            if (char.IsAsciiDigit(userAgent[i]))
            {
                if (shape.Length == 0 || shape[^1] != '#')
                {
                    shape.Append('#');
                }
            }
            else
            {
                shape.Append(userAgent[i]);
            }
        }

        return shape.ToString();
    }

    private UapResult ParseWithUap(string userAgent)
    {
        var shape = Shape(userAgent);
        if (byShape.TryGetValue(shape, out var known))
        {
            return known;
        }

        var parsed = uap.Parse(userAgent);
        if (byShape.Count >= cacheCapacity)
        {
            byShape.Clear();
        }

        byShape[shape] = parsed;
        return parsed;
    }

    private UserAgentFacts Parse(string userAgent)
    {
        var pattern = patterns.Match(userAgent);
        var crawler = pattern is null && crawlers.Matches(userAgent);
        var parsed = ParseWithUap(userAgent);
        var family = BrowserName(parsed.Family);
        var browser = pattern is null && !crawler && family is not null && Browsers.Contains(family);
        var chrome = ChromeVersion().Match(userAgent);
        var device = pattern?.DeviceType ?? DeviceType(userAgent, parsed);
        var client = pattern is not null
            ? new ClientProfile(pattern.ClientType is "bot" or "library" ? null : device, pattern.ClientType, pattern.ClientName ?? BotName(parsed))
            : crawler ? new ClientProfile(null, "bot", BotName(parsed))
            : new ClientProfile(device, browser ? "browser" : family is null ? null : "app", family);
        return new UserAgentFacts(pattern, crawler, false, browser, chrome.Success ? int.Parse(chrome.Groups[1].ValueSpan) : null, client);
    }

    private static string? BrowserName(string? family) => family switch
    {
        null or "Other" => null,
        "Mobile Safari" => "Safari",
        "Chrome Mobile" or "Chrome Mobile iOS" => "Chrome",
        "Firefox Mobile" or "Firefox iOS" => "Firefox",
        "Edge Mobile" => "Edge",
        _ => family,
    };

    private static string? BotName(UapResult parsed) => parsed.Family is null or "Other" ? null : parsed.Family;

    private static string? DeviceType(string userAgent, UapResult parsed) =>
        parsed.OsFamily switch
        {
            "iOS" or "iPadOS" => userAgent.Contains("iPad", StringComparison.Ordinal) ? "tablet" : "mobile",
            "Android" => userAgent.Contains("Mobile", StringComparison.Ordinal) ? "mobile" : "tablet",
            "Windows Phone" or "BlackBerry OS" or "KaiOS" => "mobile",
            "Windows" or "Mac OS X" or "Linux" or "Ubuntu" or "Chrome OS" or "Fedora" or "FreeBSD" => "desktop",
            _ => null,
        };

    [GeneratedRegex(@"(?:Chrome|CriOS)/(\d{1,4})\.")]
    private static partial Regex ChromeVersion();
}

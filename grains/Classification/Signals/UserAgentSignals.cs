namespace Engagement.Grains.Classification.Signals;

/// <summary>What the user agent says: our mail patterns, crawler-user-agents, a missing agent, an outdated browser.</summary>
public sealed class UserAgentSignals(ClassificationOptions options) : ISignalScorer
{
    public void Score(HitFacts hit, List<Evidence> evidence)
    {
        var ua = hit.UserAgent;
        if (ua.Missing)
        {
            // No mail client or browser sends a request without one.
            evidence.Add(new Evidence("ua.missing", BotClasses.GenericBot, 90));
            return;
        }

        if (ua.Pattern is { Weight: > 0 } pattern)
        {
            evidence.Add(new Evidence(pattern.Code, pattern.ClassFor(hit.Click), pattern.Weight, pattern.ProxyType));
        }

        if (ua.Crawler)
        {
            evidence.Add(new Evidence("ua.crawler", BotClasses.GenericBot, 90));
        }

        // Link scanners run old Chrome builds long after people's browsers updated themselves.
        if (hit.Click && ua.Browser && ua.ChromeMajor < options.OutdatedChromeBelow)
        {
            evidence.Add(new Evidence("ua.outdated_browser", BotClasses.SecurityScanner, 30));
        }
    }
}

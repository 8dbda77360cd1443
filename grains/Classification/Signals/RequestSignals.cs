namespace Engagement.Grains.Classification.Signals;

/// <summary>What the request itself says: its method, speculative-load markers, and the headers a browser always sends.</summary>
public sealed class RequestSignals : ISignalScorer
{
    private static readonly string[] PurposeHeaders = ["Sec-Purpose", "Purpose", "X-Purpose", "X-Moz"];

    public void Score(HitFacts hit, List<Evidence> evidence)
    {
        var method = hit.Observation.Method;
        if (hit.Click && string.Equals(method, "HEAD", StringComparison.OrdinalIgnoreCase))
        {
            // A person's browser follows a link with GET; gateways check links with HEAD.
            evidence.Add(new Evidence("method.head", BotClasses.SecurityScanner, 80));
        }
        else if (!string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase) && !string.Equals(method, "HEAD", StringComparison.OrdinalIgnoreCase))
        {
            evidence.Add(new Evidence("method.unusual", BotClasses.GenericBot, 80));
        }

        if (Speculative(hit))
        {
            evidence.Add(new Evidence("headers.prefetch", BotClasses.Suspicious, 80));
        }

        if (!hit.UserAgent.Browser)
        {
            return;
        }

        var language = hit.HasHeader("Accept-Language");
        var fetchMetadata = hit.HasHeader("Sec-Fetch-Mode") || hit.HasHeader("Sec-Fetch-Dest") || hit.HasHeader("Sec-Fetch-Site");
        if (!language)
        {
            evidence.Add(new Evidence("headers.no_accept_language", BotClasses.Suspicious, 30));
        }

        // Chromium has sent fetch metadata on every navigation since version 80; a click without it did not come from one.
        if (hit.Click && hit.UserAgent.ChromeMajor >= 80 && !fetchMetadata)
        {
            evidence.Add(new Evidence("headers.no_sec_fetch", BotClasses.Suspicious, 30));
        }

        if (language && fetchMetadata)
        {
            evidence.Add(new Evidence("headers.browser", BotClasses.Genuine, 40));
        }
    }

    // A loop rather than a lambda over the headers: this runs for every hit, and the lambda cost one allocation each time.
    private static bool Speculative(HitFacts hit)
    {
        foreach (var name in PurposeHeaders)
        {
            if (hit.Header(name) is { } value && IsSpeculative(value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSpeculative(string value) =>
        value.Contains("prefetch", StringComparison.OrdinalIgnoreCase)
        || value.Contains("preview", StringComparison.OrdinalIgnoreCase)
        || value.Contains("prerender", StringComparison.OrdinalIgnoreCase);
}

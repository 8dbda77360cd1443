using Engagement.Contracts.Tokens;

namespace Engagement.Grains.Classification.Signals;

/// <summary>
/// What the rest of the message's traffic says: a honeypot link no person can see, several links hit from one source
/// within a moment, and the same hit repeated.
/// </summary>
public sealed class MessageContextSignals(ClassificationOptions options) : ISignalScorer
{
    public void Score(HitFacts hit, List<Evidence> evidence)
    {
        var context = hit.Context;
        if (context.TrapLink || context.SourceTrapped)
        {
            evidence.Add(new Evidence("trap.hit", BotClasses.SecurityScanner, 100));
        }

        var source = HitFacts.SourceOf(hit.Observation);
        var since = hit.Observation.ReceivedAt - options.BurstWindow;
        var recent = context.RecentHits.Where(h => h.Source == source && h.At >= since && h.At <= hit.Observation.ReceivedAt).ToList();
        if (hit.Click)
        {
            var links = recent.Where(h => h.Kind == TrackingKind.Click).Select(h => h.LinkIndex).Append(hit.Observation.LinkIndex).Distinct().Count();
            if (context.LinkCount >= options.BurstLinks && links >= context.LinkCount)
            {
                evidence.Add(new Evidence("burst.all_links", BotClasses.SecurityScanner, 85));
            }
            else if (links >= options.BurstLinks)
            {
                evidence.Add(new Evidence("burst.links", BotClasses.SecurityScanner, 70));
            }
        }

        if (recent.Any(h => h.Kind == hit.Observation.Kind && h.LinkIndex == hit.Observation.LinkIndex))
        {
            evidence.Add(new Evidence("repeat.identical", BotClasses.Suspicious, 20));
        }
    }
}

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

        // One pass over the recipient's remembered hits, which every hit makes: the same source's within the burst
        // window, the links they clicked, and whether one of them was the same pixel or link as this one.
        var observation = hit.Observation;
        var since = observation.ReceivedAt - options.BurstWindow;
        var repeated = false;
        HashSet<int>? links = hit.Click ? [observation.LinkIndex] : null;
        var recent = context.RecentHits;
        for (var i = 0; i < recent.Count; i++)
        {
            var h = recent[i];
            if (h.At < since || h.At > observation.ReceivedAt || !HitFacts.SameSource(h.Source, observation))
            {
                continue;
            }

            repeated |= h.Kind == observation.Kind && h.LinkIndex == observation.LinkIndex;
            if (h.Kind == TrackingKind.Click)
            {
                links?.Add(h.LinkIndex);
            }
        }

        if (links is not null)
        {
            if (context.LinkCount >= options.BurstLinks && links.Count >= context.LinkCount)
            {
                evidence.Add(new Evidence("burst.all_links", BotClasses.SecurityScanner, 85));
            }
            else if (links.Count >= options.BurstLinks)
            {
                evidence.Add(new Evidence("burst.links", BotClasses.SecurityScanner, 70));
            }
        }

        if (repeated)
        {
            evidence.Add(new Evidence("repeat.identical", BotClasses.Suspicious, 20));
        }
    }
}

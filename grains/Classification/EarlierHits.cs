using Engagement.Contracts.Tracking;
using Engagement.Grains.Classification.Signals;

namespace Engagement.Grains.Classification;

/// <summary>
/// Evidence that only shows after the fact: when a hit completes a burst or follows the honeypot link, the same
/// source's earlier hits within the settle window were the same machine, and get the same verdict.
/// </summary>
public static class EarlierHits
{
    private static readonly string[] LaterEvidence = ["burst.", "trap."];

    public static IReadOnlyList<PriorHit> ToRevise(Observation observation, BotVerdict verdict, IReadOnlyList<PriorHit> recent, TimeSpan settleWindow)
    {
        if (!verdict.Machine || settleWindow <= TimeSpan.Zero
            || !verdict.ReasonCodes.Any(code => LaterEvidence.Any(prefix => code.StartsWith(prefix, StringComparison.Ordinal))))
        {
            return [];
        }

        var source = HitFacts.SourceOf(observation);
        return [.. recent.Where(h => !h.Machine && h.Source == source && h.At >= observation.ReceivedAt - settleWindow && h.ObservationId != observation.Id)];
    }
}

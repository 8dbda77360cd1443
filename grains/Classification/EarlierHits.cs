using Engagement.Contracts.Tracking;

namespace Engagement.Grains.Classification;

/// <summary>
/// Evidence that only shows after the fact: when a hit completes a burst or follows the honeypot link, the same
/// source's earlier hits within the settle window were the same machine, and get the same verdict.
/// </summary>
public static class EarlierHits
{
    private static readonly string[] LaterEvidence = ["burst.", "trap."];

    /// <param name="source">The hit's source (see HitFacts.SourceOf), which the caller has already worked out.</param>
    public static IReadOnlyList<PriorHit> ToRevise(Observation observation, string source, BotVerdict verdict, IReadOnlyList<PriorHit> recent, TimeSpan settleWindow)
    {
        if (!verdict.Machine || settleWindow <= TimeSpan.Zero || !verdict.ReasonCodes.Any(IsLaterEvidence))
        {
            return [];
        }

        // A plain loop: a scanner's every hit makes this scan over up to 64 remembered hits.
        var since = observation.ReceivedAt - settleWindow;
        List<PriorHit>? earlier = null;
        for (var i = 0; i < recent.Count; i++)
        {
            var hit = recent[i];
            if (!hit.Machine && hit.At >= since && hit.ObservationId != observation.Id && hit.Source == source)
            {
                (earlier ??= []).Add(hit);
            }
        }

        return earlier ?? [];
    }

    private static bool IsLaterEvidence(string reasonCode)
    {
        foreach (var prefix in LaterEvidence)
        {
            if (reasonCode.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

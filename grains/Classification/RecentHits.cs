using Engagement.Contracts.Tracking;
using Engagement.Grains.Classification.Signals;

namespace Engagement.Grains.Classification;

/// <summary>
/// A message's memory of its recipients' last hits, for burst and repeat signals. Bounded in time and count, and
/// in memory only: after a reactivation it starts empty, which only forgets bursts older than the activation.
/// </summary>
public sealed class RecentHits(TimeSpan memory)
{
    private const int MaxPerRecipient = 64;

    private readonly Dictionary<int, List<PriorHit>> byRecipient = [];

    public IReadOnlyList<PriorHit> Of(int recipientIndex, DateTimeOffset now)
    {
        if (!byRecipient.TryGetValue(recipientIndex, out var hits))
        {
            return [];
        }

        hits.RemoveAll(h => h.At < now - memory);
        return [.. hits];
    }

    public void Add(Observation observation, bool machine)
    {
        if (!byRecipient.TryGetValue(observation.RecipientIndex, out var hits))
        {
            byRecipient[observation.RecipientIndex] = hits = [];
        }

        if (hits.Count == MaxPerRecipient)
        {
            hits.RemoveAt(0);
        }

        hits.Add(new PriorHit(observation.Id, observation.Kind, observation.LinkIndex, observation.ReceivedAt, HitFacts.SourceOf(observation), machine));
    }

    /// <summary>Remembers that later evidence made these hits a machine's, so they are not revised again.</summary>
    public void MarkMachine(int recipientIndex, IReadOnlyCollection<Guid> observationIds)
    {
        if (byRecipient.TryGetValue(recipientIndex, out var hits))
        {
            for (var i = 0; i < hits.Count; i++)
            {
                if (observationIds.Contains(hits[i].ObservationId))
                {
                    hits[i] = hits[i] with { Machine = true };
                }
            }
        }
    }
}

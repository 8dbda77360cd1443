using Engagement.Contracts.Tracking;

namespace Engagement.Grains.Classification;

/// <summary>
/// A message's memory of its recipients' last hits, for burst and repeat signals. Bounded in time and count, and
/// in memory only: after a reactivation it starts empty, which only forgets bursts older than the activation.
/// </summary>
public sealed class RecentHits(TimeSpan memory)
{
    private const int MaxPerRecipient = 64;
    private const int MaxSources = 256;

    private readonly Dictionary<int, List<PriorHit>> byRecipient = [];

    // One string per source, shared by all of its remembered hits: each new hit compares its source with every
    // remembered one, and a few strings that stay in the CPU's cache compare far faster than 64 scattered copies.
    private readonly Dictionary<string, string> sources = [];

    /// <summary>
    /// The recipient's remembered hits, oldest first: the memory itself, not a copy (a copy per hit was a tenth of the
    /// bench process's allocations under load), so it is only good until this recipient's next <see cref="Add"/>.
    /// </summary>
    public IReadOnlyList<PriorHit> Of(int recipientIndex, DateTimeOffset now)
    {
        if (!byRecipient.TryGetValue(recipientIndex, out var hits))
        {
            return [];
        }

        var cutoff = now - memory;
        hits.RemoveAll(h => h.At < cutoff);
        return hits;
    }

    /// <param name="source">The hit's source (see HitFacts.SourceOf), which the caller has already worked out.</param>
    public void Add(Observation observation, string source, bool machine)
    {
        if (!byRecipient.TryGetValue(observation.RecipientIndex, out var hits))
        {
            byRecipient[observation.RecipientIndex] = hits = [];
        }

        if (hits.Count == MaxPerRecipient)
        {
            hits.RemoveAt(0);
        }

        hits.Add(new PriorHit(observation.Id, observation.Kind, observation.LinkIndex, observation.ReceivedAt, Shared(source), machine));
    }

    private string Shared(string source)
    {
        if (sources.TryGetValue(source, out var shared))
        {
            return shared;
        }

        // Forgetting the shared copies only costs speed: every comparison is by value.
        if (sources.Count == MaxSources)
        {
            sources.Clear();
        }

        sources[source] = source;
        return source;
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

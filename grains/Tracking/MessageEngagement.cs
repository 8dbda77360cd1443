using Engagement.Contracts.Messages;

namespace Engagement.Grains.Tracking;

/// <summary>
/// A message's engagement, derived from its events: per-recipient counts and first times, and the message status.
/// The event log is the source of truth; this is rebuilt from it when the message grain activates.
/// </summary>
/// <remarks>
/// What it holds is bounded by time, not by how many hits the message gets, as an activation that keeps getting hits
/// lives for weeks: the ids of the hits recorded in the last <see cref="Memory"/>, which make a replay a duplicate
/// without a query, and the counted hits a later verdict may still revise. Older counted hits are totals and first
/// times only, and a replay of a hit received before the memory is checked against the log.
/// </remarks>
public sealed class MessageEngagement(int recipientCount, TimeSpan settleWindow, TimeProvider clock)
{
    /// <summary>
    /// How long a recorded hit's id is kept: far longer than a hit's commit or the API's wait for it takes, so that a
    /// replay of a hit still committing is always known here.
    /// </summary>
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(10);

    // The database's clock decides which events are revised, the API's what a hit's time is, this silo's when to
    // forget; the grace keeps the three a little apart without a counted hit being forgotten too soon.
    private static readonly TimeSpan ClockGrace = TimeSpan.FromMinutes(1);

    private readonly RecipientEngagement[] recipients = Enumerable.Range(0, recipientCount).Select(_ => new RecipientEngagement()).ToArray();

    // Per recipient, the counted hits no verdict can revise any more.
    private readonly RecipientEngagement[] settled = Enumerable.Range(0, recipientCount).Select(_ => new RecipientEngagement()).ToArray();
    private readonly Dictionary<Guid, CountedHit> revisable = [];
    private readonly Queue<Guid> revisableInOrder = new();
    private readonly RememberedObservations seen = new();

    public RecipientEngagement this[int recipientIndex] => recipients[recipientIndex];

    public MessageStatus Status =>
        recipients.Any(r => r.ClickedAt is not null) ? MessageStatus.Clicked
        : recipients.Any(r => r.OpenedAt is not null) ? MessageStatus.Opened
        : MessageStatus.Pending;

    public bool HasSeen(Guid observationId) => seen.Contains(observationId);

    /// <summary>Whether a hit received then may have been recorded and forgotten since, so that only the log can tell.</summary>
    public bool MayHaveForgotten(DateTimeOffset receivedAt) => receivedAt < clock.GetUtcNow() - Memory + ClockGrace;

    /// <summary>Whether a counting hit of this kind would be the recipient's first.</summary>
    public bool WouldBeFirst(string eventType, int recipientIndex) =>
        eventType == EventTypes.Opened ? recipients[recipientIndex].OpenedAt is null : recipients[recipientIndex].ClickedAt is null;

    public void Apply(Guid observationId, string eventType, int recipientIndex, DateTimeOffset at, bool counts)
    {
        var now = clock.GetUtcNow();
        Settle(now);
        if (!seen.Add(observationId, now + Memory) || !counts)
        {
            return;
        }

        recipients[recipientIndex].Count(eventType, 1, at);
        revisable[observationId] = new CountedHit(eventType, recipientIndex, at);
        revisableInOrder.Enqueue(observationId);
    }

    /// <summary>Counted hits that the log keeps as totals: long settled, received before anything this remembers.</summary>
    public void ApplySettled(int recipientIndex, string eventType, int hits, DateTimeOffset first)
    {
        settled[recipientIndex].Count(eventType, hits, first);
        recipients[recipientIndex].Count(eventType, hits, first);
    }

    /// <summary>A counted event that a later verdict revised: it no longer counts, and its recipient's firsts are recomputed.</summary>
    public void Retract(Guid observationId)
    {
        if (!revisable.Remove(observationId, out var retracted))
        {
            return;
        }

        var recipient = settled[retracted.RecipientIndex].Copy();
        foreach (var hit in revisable.Values.Where(c => c.RecipientIndex == retracted.RecipientIndex).OrderBy(c => c.At))
        {
            recipient.Count(hit.EventType, 1, hit.At);
        }

        recipients[retracted.RecipientIndex] = recipient;
    }

    private void Settle(DateTimeOffset now)
    {
        seen.ForgetExpired(now);
        while (revisableInOrder.TryPeek(out var oldest))
        {
            if (revisable.TryGetValue(oldest, out var hit))
            {
                if (hit.At + settleWindow + ClockGrace > now)
                {
                    return;
                }

                settled[hit.RecipientIndex].Count(hit.EventType, 1, hit.At);
                revisable.Remove(oldest);
            }

            revisableInOrder.Dequeue();
        }
    }
}

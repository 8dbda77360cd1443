using Engagement.Contracts.Messages;

namespace Engagement.Grains.Tracking;

/// <summary>
/// A message's engagement, derived from its events: per-recipient counts and first times, and the message status.
/// The event log is the source of truth; this is rebuilt from it when the message grain activates.
/// </summary>
public sealed class MessageEngagement(int recipientCount)
{
    private readonly RecipientEngagement[] recipients = Enumerable.Range(0, recipientCount).Select(_ => new RecipientEngagement()).ToArray();
    private readonly HashSet<Guid> seen = [];
    private readonly Dictionary<Guid, (string EventType, int RecipientIndex, DateTimeOffset At)> counted = [];

    public RecipientEngagement this[int recipientIndex] => recipients[recipientIndex];

    public MessageStatus Status =>
        recipients.Any(r => r.ClickedAt is not null) ? MessageStatus.Clicked
        : recipients.Any(r => r.OpenedAt is not null) ? MessageStatus.Opened
        : MessageStatus.Pending;

    public bool HasSeen(Guid observationId) => seen.Contains(observationId);

    /// <summary>Whether a counting hit of this kind would be the recipient's first.</summary>
    public bool WouldBeFirst(string eventType, int recipientIndex) =>
        eventType == EventTypes.Opened ? recipients[recipientIndex].OpenedAt is null : recipients[recipientIndex].ClickedAt is null;

    public void Apply(Guid observationId, string eventType, int recipientIndex, DateTimeOffset at, bool counts)
    {
        if (!seen.Add(observationId) || !counts)
        {
            return;
        }

        counted[observationId] = (eventType, recipientIndex, at);
        Count(eventType, recipientIndex, at);
    }

    /// <summary>A counted event that a later verdict revised: it no longer counts, and its recipient's firsts are recomputed.</summary>
    public void Retract(Guid observationId)
    {
        if (!counted.Remove(observationId, out var retracted))
        {
            return;
        }

        recipients[retracted.RecipientIndex] = new RecipientEngagement();
        foreach (var (eventType, _, at) in counted.Values.Where(c => c.RecipientIndex == retracted.RecipientIndex).OrderBy(c => c.At))
        {
            Count(eventType, retracted.RecipientIndex, at);
        }
    }

    private void Count(string eventType, int recipientIndex, DateTimeOffset at)
    {
        if (eventType == EventTypes.Opened)
        {
            recipients[recipientIndex].CountOpen(at);
        }
        else
        {
            recipients[recipientIndex].CountClick(at);
        }
    }
}

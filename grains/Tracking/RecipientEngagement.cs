namespace Engagement.Grains.Tracking;

/// <summary>One recipient's counted engagement: only hits that count for metrics move these.</summary>
public sealed class RecipientEngagement
{
    public int Opens { get; private set; }

    public int Clicks { get; private set; }

    public DateTimeOffset? OpenedAt { get; private set; }

    public DateTimeOffset? ClickedAt { get; private set; }

    /// <summary>Counts hits of one kind, the earliest of them at <paramref name="first"/>; the recipient's first stays the one counted first.</summary>
    public void Count(string eventType, int hits, DateTimeOffset first)
    {
        if (eventType == EventTypes.Opened)
        {
            Opens += hits;
            OpenedAt ??= first;
        }
        else
        {
            Clicks += hits;
            ClickedAt ??= first;
        }
    }

    public RecipientEngagement Copy() => (RecipientEngagement)MemberwiseClone();
}

namespace Engagement.Grains.Tracking;

/// <summary>One recipient's counted engagement: only hits that count for metrics move these.</summary>
public sealed class RecipientEngagement
{
    public int Opens { get; private set; }

    public int Clicks { get; private set; }

    public DateTimeOffset? OpenedAt { get; private set; }

    public DateTimeOffset? ClickedAt { get; private set; }

    public void CountOpen(DateTimeOffset at)
    {
        Opens++;
        OpenedAt ??= at;
    }

    public void CountClick(DateTimeOffset at)
    {
        Clicks++;
        ClickedAt ??= at;
    }
}

namespace Engagement.Grains.Tracking;

/// <summary>A hit that counted for a recipient and that a later verdict may still take back.</summary>
public readonly record struct CountedHit(string EventType, int RecipientIndex, DateTimeOffset At);

namespace Engagement.Grains.Tracking;

/// <summary>How many counted hits of one kind a recipient had in a stretch of the log, and when the earliest was.</summary>
public sealed record CountedTotal(int RecipientIndex, string EventType, int Hits, DateTimeOffset First);

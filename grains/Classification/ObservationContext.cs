namespace Engagement.Grains.Classification;

/// <summary>
/// What the message knows around a hit: when it was sent, what its recipient did before, and the recipient's hits of
/// the last moments. A described observation (POST /v1/classify) carries only what its request says.
/// </summary>
public sealed record ObservationContext(DateTimeOffset? SentAt, bool? RecipientOpenedBefore)
{
    /// <summary>The same recipient's earlier hits, newest last, within the message's burst memory.</summary>
    public IReadOnlyList<PriorHit> RecentHits { get; init; } = [];

    /// <summary>How many tracked links the message has (0 when unknown).</summary>
    public int LinkCount { get; init; }

    /// <summary>Whether this hit's source already followed the message's honeypot link.</summary>
    public bool SourceTrapped { get; init; }

    /// <summary>Whether this hit is on the honeypot link itself.</summary>
    public bool TrapLink { get; init; }

    public static ObservationContext Unknown { get; } = new(null, null);
}

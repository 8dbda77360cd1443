namespace Engagement.Grains.Reporting;

/// <summary>One recipient's counting engagement so far, as the rollups need it: earliest open and click, links clicked.</summary>
public sealed record EngagedRecipient(DateTimeOffset? FirstOpenAt, DateTimeOffset? FirstClickAt, IReadOnlySet<int> ClickedLinks)
{
    public static EngagedRecipient None { get; } = new(null, null, new HashSet<int>());

    /// <summary>When the recipient evidently opened: its first open, or its first click if that came earlier.</summary>
    public DateTimeOffset? EvidentOpenAt =>
        FirstOpenAt is null ? FirstClickAt : FirstClickAt is null ? FirstOpenAt : FirstOpenAt < FirstClickAt ? FirstOpenAt : FirstClickAt;
}

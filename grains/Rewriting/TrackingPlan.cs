namespace Engagement.Grains.Rewriting;

/// <summary>A tracked link: its index in click tokens, the destination a browser would land on, its visible text.</summary>
public sealed record PlannedLink(int Index, string Url, string AnchorText);

public enum EditKind
{
    /// <summary>Replace an href value (quotes included) with the recipient's click URL.</summary>
    LinkHref,

    /// <summary>Remove an opt-out attribute: it is our markup, not the customer's content.</summary>
    Remove,
}

/// <summary>A span of the source that a rendering replaces; spans never overlap and are in source order.</summary>
public readonly record struct SourceEdit(int Start, int Length, EditKind Kind, int LinkIndex);

/// <summary>
/// Everything rendering needs, computed once per message: the source, the tracked links, the spans to replace
/// where the pixel goes, and where the honeypot link goes (null when the mail has no place for it).
/// Rendering a recipient's copy is then plain splicing.
/// </summary>
public sealed record TrackingPlan(string Source, IReadOnlyList<PlannedLink> Links, IReadOnlyList<SourceEdit> Edits, int PixelOffset, int? TrapOffset);

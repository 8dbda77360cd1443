using AngleSharp.Dom;

namespace Engagement.Grains.Rewriting;

/// <summary>
/// Markers that keep a link untracked: ours (data-track="false") and those customers bring from other services
/// (clicktracking=off, ses:no-track, mc:disable-tracking, data-msys-clicktrack="0", class="untracked").
/// </summary>
public static class LinkOptOut
{
    public static bool IsMarker(string name, string? value) => name.ToLowerInvariant() switch
    {
        "data-track" => string.Equals(value?.Trim(), "false", StringComparison.OrdinalIgnoreCase),
        "clicktracking" => string.Equals(value?.Trim(), "off", StringComparison.OrdinalIgnoreCase),
        "ses:no-track" or "mc:disable-tracking" => true,
        "data-msys-clicktrack" => value?.Trim() == "0",
        _ => false,
    };

    /// <summary>Whether the element opts out; the class marker is content (it may carry styling), so it is never removed.</summary>
    public static bool OptsOut(IElement element) =>
        element.Attributes.Any(a => IsMarker(a.Name, a.Value)) || element.ClassList.Contains("untracked");
}

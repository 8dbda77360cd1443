using System.Text;
using AngleSharp.Dom;

namespace Engagement.Grains.Rewriting;

/// <summary>
/// Markers that keep a link untracked: ours (data-track="false") and those customers bring from other services
/// (clicktracking=off, ses:no-track, mc:disable-tracking, data-msys-clicktrack="0", class="untracked").
/// </summary>
public static class LinkOptOut
{
    /// <summary>Whether the attribute is a marker; names match ASCII case-insensitively, as HTML attribute names do.</summary>
    public static bool IsMarker(ReadOnlySpan<char> name, ReadOnlySpan<char> value)
    {
        var setting = value.Trim();
        return Ascii.EqualsIgnoreCase(name, "data-track") ? setting.Equals("false", StringComparison.OrdinalIgnoreCase)
            : Ascii.EqualsIgnoreCase(name, "clicktracking") ? setting.Equals("off", StringComparison.OrdinalIgnoreCase)
            : Ascii.EqualsIgnoreCase(name, "data-msys-clicktrack") ? setting is "0"
            : Ascii.EqualsIgnoreCase(name, "ses:no-track") || Ascii.EqualsIgnoreCase(name, "mc:disable-tracking");
    }

    /// <summary>Whether the element opts out; the class marker is content (it may carry styling), so it is never removed.</summary>
    public static bool OptsOut(IElement element)
    {
        var attributes = element.Attributes;
        for (var i = 0; i < attributes.Length; i++)
        {
            if (attributes[i] is { } attribute && IsMarker(attribute.Name, attribute.Value))
            {
                return true;
            }
        }

        var classes = element.GetAttribute("class");
        if (classes is null)
        {
            return false;
        }

        foreach (var name in classes.AsSpan().SplitAny(" \t\n\f\r"))
        {
            if (classes.AsSpan()[name] is "untracked")
            {
                return true;
            }
        }

        return false;
    }
}

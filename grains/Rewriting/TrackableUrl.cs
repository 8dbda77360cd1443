using System.Buffers;

namespace Engagement.Grains.Rewriting;

/// <summary>Which destinations get a click-tracking URL: absolute http(s) links that are not templates or unsubscribe links.</summary>
public static class TrackableUrl
{
    private static readonly SearchValues<string> Placeholders = SearchValues.Create(["{{", "{%", "%%", "*|", "|*"], StringComparison.Ordinal);

    /// <summary>The destination as a browser would use it (HTML whitespace trimmed), or null when the link stays as written.</summary>
    public static string? From(string? href)
    {
        if (href is null)
        {
            return null;
        }

        var url = href.AsSpan().Trim(" \t\n\r\f");
        var trackable = (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            && url.Length > url.IndexOf("//", StringComparison.Ordinal) + 2
            && !url.Contains("unsubscribe", StringComparison.OrdinalIgnoreCase)
            && !url.ContainsAny(Placeholders);
        return !trackable ? null : url.Length == href.Length ? href : url.ToString();
    }
}

using System.Text;

namespace Engagement.Grains.Rewriting;

/// <summary>Where the open pixel goes in the source text.</summary>
public static class PixelPlacement
{
    /// <summary>
    /// Just before the last &lt;/body&gt; outside comments and scripts (the end of the document when there is none). For mail Gmail
    /// would clip, right after the &lt;body&gt; start tag instead, or after the head when no body tag is written.
    /// </summary>
    public static int Find(string source, int? bodyStartTagEnd, IReadOnlyList<(int Start, int End)> opaque, RewriteOptions options)
    {
        if (Encoding.UTF8.GetByteCount(source) > options.PixelAtTopAboveBytes)
        {
            return bodyStartTagEnd ?? AfterHead(source, opaque);
        }

        var at = source.Length;
        while ((at = source.LastIndexOf("</body", at - 1, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            if (!SourceLandmarks.Inside(opaque, at))
            {
                return at;
            }

            if (at == 0)
            {
                break;
            }
        }

        return source.Length;
    }

    private static int AfterHead(string source, IReadOnlyList<(int Start, int End)> opaque)
    {
        foreach (var marker in new[] { "</head", "<html", "<!doctype" })
        {
            var at = source.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            while (at >= 0 && SourceLandmarks.Inside(opaque, at))
            {
                at = source.IndexOf(marker, at + 1, StringComparison.OrdinalIgnoreCase);
            }

            if (at >= 0)
            {
                var close = source.IndexOf('>', at);
                return close < 0 ? source.Length : close + 1;
            }
        }

        return 0;
    }
}

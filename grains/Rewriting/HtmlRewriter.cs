using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Engagement.Grains.Rewriting;

/// <summary>
/// Plans and renders tracked copies of an HTML mail without re-serialising it: AngleSharp finds the links (and
/// where each start tag sits in the source), and rendering splices new href values and the pixel into the
/// original text, so everything else survives byte for byte.
/// </summary>
public static partial class HtmlRewriter
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsKeepingSourceReferences = true });

    public static TrackingPlan Plan(string html, RewriteOptions options)
    {
        var document = Parser.ParseDocument(html);
        var candidates = new List<(int TagStart, IElement Element)>();
        var commentData = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in document.Descendants())
        {
            if (node is IElement { LocalName: "a" or "area" } element)
            {
                Collect(element, 0, html, candidates);
            }
            else if (node is IComment comment)
            {
                commentData.Add(comment.Data);
            }
        }

        var comments = CommentSpans(html, commentData);
        CollectConditional(html, comments, candidates);
        candidates.Sort((a, b) => a.TagStart.CompareTo(b.TagStart));
        var links = new List<PlannedLink>();
        var edits = new List<SourceEdit>();
        foreach (var (tagStart, element) in candidates)
        {
            var (attributes, _) = StartTag.Read(html, tagStart);
            foreach (var marker in attributes.Where(a => LinkOptOut.IsMarker(a.Name, ValueOf(html, a))))
            {
                edits.Add(new SourceEdit(marker.Start, marker.End - marker.Start, EditKind.Remove, -1));
            }

            var url = LinkOptOut.OptsOut(element) ? null : TrackableUrl.From(element.GetAttribute("href"));
            var href = attributes.FirstOrDefault(a => a.Name.Equals("href", StringComparison.OrdinalIgnoreCase));
            if (url is null || href.ValueEnd == href.ValueStart)
            {
                continue;
            }

            edits.Add(new SourceEdit(href.ValueStart, href.ValueEnd - href.ValueStart, EditKind.LinkHref, links.Count));
            links.Add(new PlannedLink(links.Count, url, AnchorText.Of(element)));
        }

        edits.Sort((a, b) => a.Start.CompareTo(b.Start));
        var body = document.Body?.SourceReference is { } reference && IsTagAt(html, reference.Position.Position, "body")
            ? StartTag.Read(html, reference.Position.Position).End
            : (int?)null;
        return new TrackingPlan(html, links, edits, PixelPlacement.Find(html, body, comments, options));
    }

    public static string Render(TrackingPlan plan, RenderChoices choices)
    {
        var source = plan.Source;
        var pixel = choices.PixelUrl is null ? null : PixelTag(choices.PixelUrl);
        var replacements = new string?[plan.Edits.Count];
        var length = source.Length + (pixel?.Length ?? 0);
        for (var i = 0; i < replacements.Length; i++)
        {
            var edit = plan.Edits[i];
            var replacement = edit.Kind == EditKind.Remove
                ? ""
                : choices.LinkUrls is { } urls && edit.LinkIndex < urls.Count && urls[edit.LinkIndex] is { } url ? $"\"{EscapeAttribute(url)}\"" : null;
            replacements[i] = replacement;
            length += replacement is null ? 0 : replacement.Length - edit.Length;
        }

        // One exact allocation: copies of large mails live on the large object heap, where growing buffers are costly.
        return string.Create(length, (plan, pixel, replacements), static (output, state) =>
        {
            var (plan, pixel, replacements) = state;
            var source = plan.Source.AsSpan();
            var copied = 0;
            var written = 0;
            for (var i = 0; i <= replacements.Length; i++)
            {
                var editStart = i < replacements.Length ? plan.Edits[i].Start : source.Length;
                if (pixel is not null && plan.PixelOffset >= copied && plan.PixelOffset <= editStart)
                {
                    source[copied..plan.PixelOffset].CopyTo(output[written..]);
                    written += plan.PixelOffset - copied;
                    pixel.AsSpan().CopyTo(output[written..]);
                    written += pixel.Length;
                    copied = plan.PixelOffset;
                    pixel = null;
                }

                source[copied..editStart].CopyTo(output[written..]);
                written += editStart - copied;
                copied = editStart;
                if (i < replacements.Length && replacements[i] is { } replacement)
                {
                    replacement.AsSpan().CopyTo(output[written..]);
                    written += replacement.Length;
                    copied = editStart + plan.Edits[i].Length;
                }
            }
        });
    }

    private static string PixelTag(string pixelUrl) =>
        $"<img src=\"{EscapeAttribute(pixelUrl)}\" width=\"1\" height=\"1\" style=\"display:block;width:1px;height:1px;border:0;\" alt=\"\">";

    private static void Collect(IElement element, int offset, string html, List<(int, IElement)> into)
    {
        if (element.SourceReference is { } reference && IsTagAt(html, offset + reference.Position.Position, element.LocalName))
        {
            into.Add((offset + reference.Position.Position, element));
        }
    }

    /// <summary>
    /// Links inside downlevel-hidden conditional comments, which only Outlook renders. Their contents are parsed
    /// together, in one document, and each element's position is mapped back to the comment it came from.
    /// </summary>
    private static void CollectConditional(string html, List<(int Start, int End)> comments, List<(int, IElement)> into)
    {
        var segments = new List<(int CombinedStart, int SourceStart)>();
        var combined = new StringBuilder();
        foreach (var (start, end) in comments)
        {
            if (ConditionalContent(html, start, end) is { } content)
            {
                segments.Add((combined.Length, content.Start));
                combined.Append(html, content.Start, content.Length);
            }
        }

        if (segments.Count == 0)
        {
            return;
        }

        var fragments = Parser.ParseDocument(combined.ToString());
        foreach (var element in fragments.Descendants<IElement>())
        {
            if (element.SourceReference is not { } reference || !element.HasAttribute("href") || element.LocalName is "base" or "link")
            {
                continue;
            }

            var position = reference.Position.Position;
            var segment = segments.FindLast(s => s.CombinedStart < position);
            Collect(element, segment.SourceStart - segment.CombinedStart, html, into);
        }
    }

    /// <summary>Implied elements (a body the source never wrote) have no start tag of their own to edit.</summary>
    private static bool IsTagAt(string html, int nameStart, string name) =>
        nameStart > 0 && nameStart + name.Length <= html.Length && html[nameStart - 1] == '<'
        && string.Compare(html, nameStart, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0;

    private static string? ValueOf(string html, SourceAttribute attribute)
    {
        var raw = html[attribute.ValueStart..attribute.ValueEnd];
        return raw.Length >= 2 && (raw[0] == '"' || raw[0] == '\'') && raw[^1] == raw[0] ? raw[1..^1] : raw;
    }

    private static string EscapeAttribute(string value) =>
        value.AsSpan().IndexOfAny('&', '"') < 0 ? value : value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>
    /// The source spans of the document's real comments: candidates are found by pattern, and only those the
    /// parser also saw as comments count (a "&lt;!--" inside a script is not one).
    /// </summary>
    private static List<(int Start, int End)> CommentSpans(string html, HashSet<string> commentData)
    {
        var spans = new List<(int, int)>();
        if (commentData.Count == 0)
        {
            return spans;
        }

        foreach (Match match in CommentPattern().Matches(html))
        {
            // The parser reports comment text with its line breaks normalised, as HTML input streams are.
            if (commentData.Contains(match.Groups[1].Value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')))
            {
                spans.Add((match.Index, match.Index + match.Length));
            }
        }

        return spans;
    }

    /// <summary>The markup inside a downlevel-hidden conditional comment (&lt;!--[if mso]&gt; … &lt;![endif]--&gt;), which only Outlook renders.</summary>
    private static (int Start, int Length)? ConditionalContent(string html, int start, int end)
    {
        var match = ConditionalPattern().Match(html, start, end - start);
        return match.Success ? (match.Groups[1].Index, match.Groups[1].Length) : null;
    }

    [GeneratedRegex("<!--(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex CommentPattern();

    [GeneratedRegex(@"\G<!--\[if[^\]]*\]>(?!<!-->)(.*?)<!\[endif\]-->", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ConditionalPattern();
}

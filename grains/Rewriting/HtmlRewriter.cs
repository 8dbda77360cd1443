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
        var comments = CommentSpans(html, document);
        var candidates = new List<(int TagStart, IElement Element)>();
        Collect(document.QuerySelectorAll("a, area"), 0, html, candidates);
        foreach (var (start, end) in comments)
        {
            var inner = ConditionalContent(html, start, end);
            if (inner is { } content)
            {
                var fragment = Parser.ParseDocument(html.Substring(content.Start, content.Length));
                Collect(fragment.QuerySelectorAll("[href]").Where(e => e.LocalName is not ("base" or "link")), content.Start, html, candidates);
            }
        }

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
        var output = new StringBuilder(source.Length + (plan.Links.Count * 128) + 256);
        var copied = 0;
        var pixelDone = choices.PixelUrl is null;
        foreach (var edit in plan.Edits)
        {
            if (!pixelDone && plan.PixelOffset <= edit.Start)
            {
                output.Append(source, copied, plan.PixelOffset - copied);
                AppendPixel(output, choices.PixelUrl!);
                copied = plan.PixelOffset;
                pixelDone = true;
            }

            output.Append(source, copied, edit.Start - copied);
            copied = edit.Start;
            if (edit.Kind == EditKind.Remove)
            {
                copied = edit.Start + edit.Length;
                continue;
            }

            var tracked = choices.LinkUrls is { } urls && edit.LinkIndex < urls.Count ? urls[edit.LinkIndex] : null;
            if (tracked is not null)
            {
                output.Append('"').Append(EscapeAttribute(tracked)).Append('"');
                copied = edit.Start + edit.Length;
            }
        }

        if (!pixelDone)
        {
            output.Append(source, copied, plan.PixelOffset - copied);
            AppendPixel(output, choices.PixelUrl!);
            copied = plan.PixelOffset;
        }

        output.Append(source, copied, source.Length - copied);
        return output.ToString();
    }

    private static void AppendPixel(StringBuilder output, string pixelUrl) =>
        output.Append("<img src=\"").Append(EscapeAttribute(pixelUrl))
            .Append("\" width=\"1\" height=\"1\" style=\"display:block;width:1px;height:1px;border:0;\" alt=\"\">");

    private static void Collect(IEnumerable<IElement> elements, int offset, string html, List<(int, IElement)> into)
    {
        foreach (var element in elements)
        {
            if (element.SourceReference is { } reference && IsTagAt(html, offset + reference.Position.Position, element.LocalName))
            {
                into.Add((offset + reference.Position.Position, element));
            }
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

    private static string EscapeAttribute(string value) => value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>
    /// The source spans of the document's real comments: candidates are found by pattern, and only those the
    /// parser also saw as comments count (a "&lt;!--" inside a script is not one).
    /// </summary>
    private static List<(int Start, int End)> CommentSpans(string html, IDocument document)
    {
        var seen = document.Descendants<IComment>().Select(c => c.Data).ToHashSet(StringComparer.Ordinal);
        var spans = new List<(int, int)>();
        if (seen.Count == 0)
        {
            return spans;
        }

        foreach (Match match in CommentPattern().Matches(html))
        {
            if (seen.Contains(match.Groups[1].Value))
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

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
    public static TrackingPlan Plan(string html, RewriteOptions options)
    {
        var landmarks = SourceLandmarks.Parse(html, e => e.LocalName is "a" or "area");
        var candidates = new List<(int TagStart, IElement Element)>(landmarks.Elements.Count);
        foreach (var (nameStart, element) in landmarks.Elements)
        {
            Collect(element, nameStart, html, candidates);
        }

        CollectConditional(html, landmarks.Comments, candidates);
        candidates.Sort((a, b) => a.TagStart.CompareTo(b.TagStart));
        var links = new List<PlannedLink>(candidates.Count);
        var edits = new List<SourceEdit>(candidates.Count);
        var attributes = new List<SourceAttribute>();
        var previousTag = -1;
        int? firstVisibleLink = null;
        foreach (var (tagStart, element) in candidates)
        {
            // Misnested markup makes the parser clone an open link; the clone shares the original's start tag.
            if (tagStart == previousTag)
            {
                continue;
            }

            previousTag = tagStart;
            var href = default(SourceAttribute);
            StartTag.Read(html, tagStart, attributes);
            foreach (var attribute in attributes)
            {
                if (LinkOptOut.IsMarker(attribute.NameIn(html), attribute.ValueIn(html)))
                {
                    edits.Add(new SourceEdit(attribute.Start, attribute.End - attribute.Start, EditKind.Remove, -1));
                }
                else if (href == default && Ascii.EqualsIgnoreCase(attribute.NameIn(html), "href"))
                {
                    href = attribute;
                }
            }

            var url = LinkOptOut.OptsOut(element) ? null : TrackableUrl.From(element.GetAttribute("href"));
            if (url is null || href.ValueEnd == href.ValueStart)
            {
                continue;
            }

            firstVisibleLink ??= SourceLandmarks.Inside(landmarks.Comments, tagStart) ? null : tagStart - 1;
            edits.Add(new SourceEdit(href.ValueStart, href.ValueEnd - href.ValueStart, EditKind.LinkHref, links.Count));
            links.Add(new PlannedLink(links.Count, url, AnchorText.Of(element)));
        }

        edits.Sort((a, b) => a.Start.CompareTo(b.Start));
        var body = landmarks.BodyNameStart is { } bodyStart && IsTagAt(html, bodyStart, "body")
            ? StartTag.Read(html, bodyStart, attributes)
            : (int?)null;

        // The honeypot goes first, so that a scanner following links in order takes it before any real one: at the top
        // of the body, or just before the first link people can see when the source writes no body tag.
        var trap = body ?? firstVisibleLink;
        return new TrackingPlan(html, links, edits, PixelPlacement.Find(html, body, landmarks.Opaque, options), trap);
    }

    public static string Render(TrackingPlan plan, RenderChoices choices)
    {
        var measured = new CopyWriter(plan.Source, []);
        Splice(plan, choices, ref measured);

        // One exact allocation: copies of large mails live on the large object heap, where growing buffers are costly.
        return string.Create(measured.Length, (plan, choices), static (output, state) =>
        {
            var copy = new CopyWriter(state.plan.Source, output);
            Splice(state.plan, state.choices, ref copy);
        });
    }

    /// <summary>
    /// The honeypot after its URL: an empty link nobody can see, reach with the keyboard or hear with a screen reader
    /// (mso-hide for Outlook, which ignores display:none), so only software that follows every href in the source takes it.
    /// </summary>
    private const string TrapTagEnd =
        "\" tabindex=\"-1\" aria-hidden=\"true\" style=\"display:none !important;mso-hide:all;font-size:0;line-height:0;max-height:0;overflow:hidden;\"></a>";

    /// <summary>The open pixel after its URL.</summary>
    private const string PixelTagEnd = "\" width=\"1\" height=\"1\" style=\"display:block;width:1px;height:1px;border:0;\" alt=\"\">";

    /// <summary>Writes the copy in source order: edits, and the honeypot and the pixel, which never fall inside an edit.</summary>
    private static void Splice(TrackingPlan plan, RenderChoices choices, ref CopyWriter copy)
    {
        var trap = choices.TrapUrl is { } trapUrl && plan.TrapOffset is { } trapOffset
            ? new Insertion(trapOffset, "<a href=\"", trapUrl, TrapTagEnd)
            : (Insertion?)null;
        var pixel = choices.PixelUrl is { } pixelUrl ? new Insertion(plan.PixelOffset, "<img src=\"", pixelUrl, PixelTagEnd) : (Insertion?)null;

        // At the same place, insertions come before a replacement and the honeypot before the pixel.
        var (first, second) = trap is null ? (pixel, null) : pixel?.At < trap.Value.At ? (pixel, trap) : (trap, pixel);
        foreach (var edit in plan.Edits)
        {
            InsertUpTo(edit.Start, ref first, ref second, ref copy);
            if (edit.Kind == EditKind.Remove)
            {
                copy.Replace(edit.Start, edit.Length);
            }
            else if (choices.LinkUrls is { } urls && edit.LinkIndex < urls.Count && urls[edit.LinkIndex] is { } url)
            {
                copy.Replace(edit.Start, edit.Length, "\"", url, "\"");
            }
        }

        InsertUpTo(plan.Source.Length, ref first, ref second, ref copy);
        copy.Finish();
    }

    private static void InsertUpTo(int position, ref Insertion? first, ref Insertion? second, ref CopyWriter copy)
    {
        while (first is { } next && next.At <= position)
        {
            copy.Replace(next.At, 0, next.Before, next.Url, next.After);
            (first, second) = (second, null);
        }
    }

    /// <summary>Adds an element whose start tag really is in the source (an implied element has none).</summary>
    private static void Collect(IElement element, int nameStart, string html, List<(int, IElement)> into)
    {
        if (IsTagAt(html, nameStart, element.LocalName))
        {
            into.Add((nameStart, element));
        }
    }

    /// <summary>
    /// Links inside downlevel-hidden conditional comments, which only Outlook renders. Their contents are parsed
    /// together, in one document, and each element's position is mapped back to the comment it came from.
    /// </summary>
    private static void CollectConditional(string html, List<(int Start, int End)> comments, List<(int, IElement)> into)
    {
        var segments = new List<(int CombinedStart, int SourceStart, int Length)>();
        var combinedLength = 0;
        var linked = false;
        foreach (var (start, end) in comments)
        {
            if (ConditionalContent(html, start, end) is { } content)
            {
                segments.Add((combinedLength, content.Start, content.Length));
                combinedLength += content.Length;
                linked |= html.AsSpan(content.Start, content.Length).Contains("href", StringComparison.OrdinalIgnoreCase);
            }
        }

        // Only an element with an href is collected, and it cannot have one without the text "href" in its comment.
        if (!linked)
        {
            return;
        }

        var combined = string.Create(combinedLength, (html, segments), static (output, state) =>
        {
            foreach (var (combinedStart, sourceStart, length) in state.segments)
            {
                state.html.AsSpan(sourceStart, length).CopyTo(output[combinedStart..]);
            }
        });
        var fragments = SourceLandmarks.Parse(combined, e => e.LocalName is not ("base" or "link"));
        foreach (var (position, element) in fragments.Elements)
        {
            if (element.HasAttribute("href"))
            {
                var segment = segments.Count - 1;
                while (segments[segment].CombinedStart >= position)
                {
                    segment--;
                }

                Collect(element, position + segments[segment].SourceStart - segments[segment].CombinedStart, html, into);
            }
        }
    }

    /// <summary>Implied elements (a body the source never wrote) have no start tag of their own to edit.</summary>
    private static bool IsTagAt(string html, int nameStart, string name) =>
        nameStart > 0 && nameStart + name.Length <= html.Length && html[nameStart - 1] == '<'
        && string.Compare(html, nameStart, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>The markup inside a downlevel-hidden conditional comment (&lt;!--[if mso]&gt; … &lt;![endif]--&gt;), which only Outlook renders.</summary>
    private static (int Start, int Length)? ConditionalContent(string html, int start, int end)
    {
        var match = ConditionalPattern().Match(html, start, end - start);
        return match.Success ? (match.Groups[1].Index, match.Groups[1].Length) : null;
    }

    [GeneratedRegex(@"\G<!--\[if[^\]]*\]>(?!<!-->)(.*?)<!\[endif\]-->", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ConditionalPattern();

    /// <summary>A tag put into the source: the markup before and after its URL.</summary>
    private readonly record struct Insertion(int At, string Before, string Url, string After);

    /// <summary>
    /// Copies the source with spans replaced, in source order. Without an output it only counts, so that the copy can
    /// be allocated once at its exact length.
    /// </summary>
    private ref struct CopyWriter
    {
        private readonly string source;
        private readonly Span<char> output;
        private int copied;

        public CopyWriter(string source, Span<char> output)
        {
            this.source = source;
            this.output = output;
        }

        public int Length { get; private set; }

        /// <summary>Replaces <paramref name="length"/> characters at <paramref name="start"/> with the URL, escaped for a double-quoted attribute, between two pieces of markup.</summary>
        public void Replace(int start, int length, string before = "", string? url = null, string after = "")
        {
            Write(source.AsSpan(copied, start - copied));
            Write(before);
            var rest = url.AsSpan();
            int special;
            while ((special = rest.IndexOfAny('&', '"')) >= 0)
            {
                Write(rest[..special]);
                Write(rest[special] == '&' ? "&amp;" : "&quot;");
                rest = rest[(special + 1)..];
            }

            Write(rest);
            Write(after);
            copied = start + length;
        }

        public void Finish() => Write(source.AsSpan(copied));

        private void Write(ReadOnlySpan<char> text)
        {
            if (!output.IsEmpty)
            {
                text.CopyTo(output[Length..]);
            }

            Length += text.Length;
        }
    }
}

using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Engagement.Grains.Rewriting;

/// <summary>
/// Where things sit in the source: the start tags of the elements the rewriter wants and the body start tag,
/// recorded by AngleSharp's element callback while it parses (cheaper than keeping a source reference on every
/// node), and the comments, found in the source outside the elements whose content the tokenizer reads as raw
/// text, so "&lt;!--" inside a script is not taken for a comment.
/// </summary>
internal sealed class SourceLandmarks
{
    // A parser is costly to create and not promised to be thread-safe, so each thread keeps one; parsing is
    // synchronous, so the landmarks being recorded on a thread belong to the parse running on it.
    [ThreadStatic]
    private static HtmlParser? parser;

    [ThreadStatic]
    private static SourceLandmarks? recording;

    private readonly List<(int NameStart, string Name)> rawText = [];
    private readonly string html;
    private readonly Func<IElement, bool> wanted;

    private SourceLandmarks(string html, Func<IElement, bool> wanted)
    {
        this.html = html;
        this.wanted = wanted;
    }

    /// <summary>Elements with the index of their tag name in the source (just after '&lt;'), in source order.</summary>
    public List<(int NameStart, IElement Element)> Elements { get; } = [];

    public List<(int Start, int End)> Comments { get; } = [];

    /// <summary>Comments and the content of raw-text elements: source where a tag is only text.</summary>
    public List<(int Start, int End)> Opaque { get; } = [];

    public int? BodyNameStart { get; private set; }

    public static SourceLandmarks Parse(string html, Func<IElement, bool> wanted)
    {
        var landmarks = new SourceLandmarks(html, wanted);
        parser ??= new HtmlParser(new HtmlParserOptions
        {
            // The text of scripts, styles, titles and textareas is never read, so the parser need not keep it.
            SkipScriptText = true,
            SkipRawText = true,
            SkipRCDataText = true,
            OnCreated = (element, position) => recording?.OnCreated(element, position.Position),
        });
        recording = landmarks;
        try
        {
            parser.ParseDocument(html);
        }
        finally
        {
            recording = null;
        }

        landmarks.FindComments();
        return landmarks;
    }

    public static bool Inside(IReadOnlyList<(int Start, int End)> spans, int position)
    {
        for (var i = 0; i < spans.Count; i++)
        {
            if (position >= spans[i].Start && position < spans[i].End)
            {
                return true;
            }
        }

        return false;
    }

    private void OnCreated(IElement element, int position)
    {
        var name = element.LocalName;
        if (name == "body")
        {
            BodyNameStart ??= position;
        }
        else if (name is "script" or "style" or "textarea" or "title" or "xmp" or "iframe" or "noembed" or "noframes")
        {
            rawText.Add((position, name));
        }
        else if (wanted(element))
        {
            Elements.Add((position, element));
        }
    }

    private void FindComments()
    {
        var next = 0;
        var raw = 0;
        while (next < html.Length && (next = html.IndexOf("<!--", next, StringComparison.Ordinal)) >= 0)
        {
            while (raw < rawText.Count && rawText[raw].NameStart < next && RawTextEnd(rawText[raw]) <= next)
            {
                raw++;
            }

            if (raw < rawText.Count && rawText[raw].NameStart < next)
            {
                next = RawTextEnd(rawText[raw]);
                continue;
            }


            var end = html.IndexOf("-->", next + 4, StringComparison.Ordinal);
            end = end < 0 ? html.Length : end + 3;
            Comments.Add((next, end));
            next = end;
        }

        Opaque.AddRange(Comments);
        Opaque.AddRange(rawText.Select(r => (r.NameStart, RawTextEnd(r))));
    }

    private int RawTextEnd((int NameStart, string Name) element)
    {
        var close = html.IndexOf("</" + element.Name, element.NameStart, StringComparison.OrdinalIgnoreCase);
        return close < 0 ? html.Length : close;
    }
}

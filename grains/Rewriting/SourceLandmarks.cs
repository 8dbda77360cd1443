using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens;

namespace Engagement.Grains.Rewriting;

/// <summary>
/// Where things sit in the source, recorded by AngleSharp's callbacks while it parses: the start tags of the
/// elements the rewriter wants, the body start tag and the comments. Cheaper than keeping a source reference on
/// every node, and it reads the tokenizer's own view, so "&lt;!--" inside a script is never taken for a comment.
/// </summary>
internal sealed class SourceLandmarks
{
    /// <summary>Elements with the index of their tag name in the source (just after '&lt;'), in source order.</summary>
    public List<(int NameStart, IElement Element)> Elements { get; } = [];

    public List<(int Start, int End)> Comments { get; } = [];

    public int? BodyNameStart { get; private set; }

    public static SourceLandmarks Parse(string html, Func<IElement, bool> wanted)
    {
        var landmarks = new SourceLandmarks();
        var parser = new HtmlParser(new HtmlParserOptions
        {
            OnCreated = (element, position) =>
            {
                if (element.LocalName == "body")
                {
                    landmarks.BodyNameStart ??= position.Position;
                }
                else if (wanted(element))
                {
                    landmarks.Elements.Add((position.Position, element));
                }
            },
            OnToken = (token, range) =>
            {
                if (token.Type == HtmlTokenType.Comment)
                {
                    var start = Math.Max(0, range.Start.Position - 1);
                    var end = html.IndexOf("-->", start + 4, StringComparison.Ordinal);
                    landmarks.Comments.Add((start, end < 0 ? html.Length : end + 3));
                }
            },
        });
        parser.ParseDocument(html);
        return landmarks;
    }
}

using System.Text;
using AngleSharp.Dom;

namespace Engagement.Grains.Rewriting;

/// <summary>A link's visible text, whitespace collapsed; an image link's alt text when it has no text; at most 200 characters.</summary>
public static class AnchorText
{
    public const int MaxLength = 200;

    public static string Of(IElement link)
    {
        var text = Collapse(link.TextContent);
        if (text.Length == 0)
        {
            text = Collapse(link.GetAttribute("alt") ?? link.QuerySelector("img[alt]")?.GetAttribute("alt") ?? "");
        }

        if (text.Length <= MaxLength)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return text[..cut];
    }

    private static string Collapse(string text)
    {
        var collapsed = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = collapsed.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                collapsed.Append(' ');
                pendingSpace = false;
            }

            collapsed.Append(c);
        }

        return collapsed.ToString();
    }
}

using AngleSharp.Dom;

namespace Engagement.Grains.Rewriting;

/// <summary>A link's visible text, whitespace collapsed; an image link's alt text when it has no text; at most 200 characters.</summary>
public static class AnchorText
{
    public const int MaxLength = 200;

    public static string Of(IElement link)
    {
        // One character past the limit tells a text that must be cut from one that just fits.
        var text = new CollapsedText(stackalloc char[MaxLength + 1]);
        AppendTextOf(link, ref text);
        if (text.IsEmpty)
        {
            text.Append(link.GetAttribute("alt") ?? FirstImageAlt(link));
        }

        return text.ToString();
    }

    /// <summary>The text of the node's descendants, in document order, as its TextContent would have it.</summary>
    private static void AppendTextOf(INode node, ref CollapsedText text)
    {
        var children = node.ChildNodes;
        for (var i = 0; i < children.Length && !text.IsFull; i++)
        {
            if (children[i] is IText piece)
            {
                text.Append(piece.Data);
            }
            else
            {
                AppendTextOf(children[i], ref text);
            }
        }
    }

    /// <summary>The alt text of the first descendant img that has one (what the selector img[alt] finds; an img has no children).</summary>
    private static string? FirstImageAlt(INode node)
    {
        var children = node.ChildNodes;
        for (var i = 0; i < children.Length; i++)
        {
            if (children[i] is IElement element && (element.LocalName == "img" ? element.GetAttribute("alt") : FirstImageAlt(element)) is { } alt)
            {
                return alt;
            }
        }

        return null;
    }

    /// <summary>Text with each run of whitespace made one space and none at either end, kept up to the buffer's size.</summary>
    private ref struct CollapsedText(Span<char> buffer)
    {
        private readonly Span<char> buffer = buffer;
        private int length;
        private bool pendingSpace;

        public readonly bool IsEmpty => length == 0;

        public readonly bool IsFull => length == buffer.Length;

        public void Append(ReadOnlySpan<char> text)
        {
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = length > 0;
                    continue;
                }

                if (pendingSpace)
                {
                    Add(' ');
                    pendingSpace = false;
                }

                Add(c);
            }
        }

        /// <summary>The text, cut to <see cref="MaxLength"/> characters without splitting a surrogate pair.</summary>
        public override readonly string ToString()
        {
            if (length <= MaxLength)
            {
                return new string(buffer[..length]);
            }

            return new string(buffer[..(char.IsHighSurrogate(buffer[MaxLength - 1]) ? MaxLength - 1 : MaxLength)]);
        }

        private void Add(char c)
        {
            if (!IsFull)
            {
                buffer[length++] = c;
            }
        }
    }
}

namespace Engagement.Grains.Rewriting;

/// <summary>An attribute as written in the source: the span of the whole attribute (with its leading whitespace), of its name and of its value.</summary>
public readonly record struct SourceAttribute(int Start, int End, int NameStart, int NameEnd, int ValueStart, int ValueEnd)
{
    public ReadOnlySpan<char> NameIn(string source) => source.AsSpan(NameStart, NameEnd - NameStart);

    /// <summary>The value as written, without its quotes.</summary>
    public ReadOnlySpan<char> ValueIn(string source)
    {
        var raw = source.AsSpan(ValueStart, ValueEnd - ValueStart);
        return raw.Length >= 2 && raw[0] is '"' or '\'' && raw[^1] == raw[0] ? raw[1..^1] : raw;
    }
}

/// <summary>
/// Reads the attributes of one start tag straight from the source text, following HTML's attribute syntax
/// (double-, single- or un-quoted values, valueless attributes), so that edits touch exactly the bytes written.
/// </summary>
public static class StartTag
{
    /// <summary>
    /// Reads the attributes of the start tag whose name begins at <paramref name="nameStart"/> into
    /// <paramref name="attributes"/>, replacing what it held (one list serves every tag of a mail), and returns the
    /// index just past its '>'.
    /// </summary>
    public static int Read(string source, int nameStart, List<SourceAttribute> attributes)
    {
        attributes.Clear();
        var i = nameStart;
        while (i < source.Length && !IsSpace(source[i]) && source[i] != '>' && source[i] != '/')
        {
            i++;
        }

        while (i < source.Length)
        {
            var attributeStart = i;
            while (i < source.Length && (IsSpace(source[i]) || source[i] == '/'))
            {
                i++;
            }

            if (i >= source.Length || source[i] == '>')
            {
                return Math.Min(i + 1, source.Length);
            }

            var nameBegin = i;
            i++;
            while (i < source.Length && !IsSpace(source[i]) && source[i] != '>' && source[i] != '/' && source[i] != '=')
            {
                i++;
            }

            var afterName = i;
            while (i < source.Length && IsSpace(source[i]))
            {
                i++;
            }

            if (i >= source.Length || source[i] != '=')
            {
                attributes.Add(new SourceAttribute(attributeStart, afterName, nameBegin, afterName, afterName, afterName));
                i = afterName;
                continue;
            }

            i++;
            while (i < source.Length && IsSpace(source[i]))
            {
                i++;
            }

            var valueStart = i;
            if (i < source.Length && (source[i] == '"' || source[i] == '\''))
            {
                var close = source.IndexOf(source[i], i + 1);
                i = close < 0 ? source.Length : close + 1;
            }
            else
            {
                while (i < source.Length && !IsSpace(source[i]) && source[i] != '>')
                {
                    i++;
                }
            }

            attributes.Add(new SourceAttribute(attributeStart, i, nameBegin, afterName, valueStart, i));
        }

        return source.Length;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';
}

namespace Engagement.Grains.Rewriting;

/// <summary>An attribute as written in the source: the span of the whole attribute (with its leading whitespace) and of its value.</summary>
public readonly record struct SourceAttribute(string Name, int Start, int End, int ValueStart, int ValueEnd);

/// <summary>
/// Reads the attributes of one start tag straight from the source text, following HTML's attribute syntax
/// (double-, single- or un-quoted values, valueless attributes), so that edits touch exactly the bytes written.
/// </summary>
public static class StartTag
{
    /// <summary>The attributes of the start tag whose name begins at <paramref name="nameStart"/>, and the index just past its '>'.</summary>
    public static (List<SourceAttribute> Attributes, int End) Read(string source, int nameStart)
    {
        var attributes = new List<SourceAttribute>();
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
                return (attributes, Math.Min(i + 1, source.Length));
            }

            var nameBegin = i;
            i++;
            while (i < source.Length && !IsSpace(source[i]) && source[i] != '>' && source[i] != '/' && source[i] != '=')
            {
                i++;
            }

            var name = source[nameBegin..i];
            var afterName = i;
            while (i < source.Length && IsSpace(source[i]))
            {
                i++;
            }

            if (i >= source.Length || source[i] != '=')
            {
                attributes.Add(new SourceAttribute(name, attributeStart, afterName, afterName, afterName));
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

            attributes.Add(new SourceAttribute(name, attributeStart, i, valueStart, i));
        }

        return (attributes, source.Length);
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';
}

using System.Text;

namespace Engagement.Grains.Classification.UserAgents;

/// <summary>
/// The longest piece of plain text every match of a regular expression must contain, found conservatively (none when
/// in doubt). A user agent without it cannot match, so the rule is skipped without running the regex: uap-core tries
/// hundreds of rules in order, and this turns an unseen agent's parse from a millisecond into microseconds.
/// </summary>
public static class RequiredLiteral
{
    private const int Shortest = 3;

    public static string? Of(string pattern)
    {
        if (HasTopLevelAlternation(pattern))
        {
            return null;
        }

        var best = "";
        var run = new StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            string? literal = null;
            var next = i + 1;
            if (c == '\\' && i + 1 < pattern.Length && !char.IsLetterOrDigit(pattern[i + 1]))
            {
                literal = pattern[i + 1].ToString();
                next = i + 2;
            }
            else if (char.IsLetterOrDigit(c) || " /-_;:,=!@#%&'\"<>~`".Contains(c, StringComparison.Ordinal))
            {
                literal = c.ToString();
            }
            else if (c == '(')
            {
                next = SkipGroup(pattern, i);
                var required = next >= pattern.Length || pattern[next] is not ('?' or '*' or '{');
                if (required && GroupContent(pattern, i, next) is { } content && Of(content) is { } inner && inner.Length > best.Length)
                {
                    best = inner;
                }
            }
            else if (c == '[')
            {
                next = SkipClass(pattern, i);
            }
            else if (c == '{')
            {
                // A counted quantifier's body ({2}, {0,200}) is not text.
                var end = pattern.IndexOf('}', i);
                next = end < 0 ? pattern.Length : end + 1;
            }
            else if (c == '\\')
            {
                next = i + 2;
            }

            var quantifier = next < pattern.Length ? pattern[next] : '\0';
            if (literal is not null && quantifier is not ('?' or '*' or '{'))
            {
                run.Append(literal);
            }

            if (literal is null || quantifier is '?' or '*' or '{' or '+')
            {
                best = Longer(best, run);
                run.Clear();
            }

            i = next;
        }

        best = Longer(best, run);
        return best.Length >= Shortest ? best : null;
    }

    private static string Longer(string best, StringBuilder run) => run.Length > best.Length ? run.ToString() : best;

    // A plain, non-capturing or named group's content; null for lookarounds and inline options, which match no text.
    private static string? GroupContent(string pattern, int start, int end)
    {
        var inside = pattern[(start + 1)..Math.Max(start + 1, end - 1)];
        if (!inside.StartsWith('?'))
        {
            return inside;
        }

        if (inside.StartsWith("?:", StringComparison.Ordinal))
        {
            return inside[2..];
        }

        if (inside.StartsWith("?P<", StringComparison.Ordinal) || (inside.StartsWith("?<", StringComparison.Ordinal) && inside.Length > 2 && inside[2] is not ('=' or '!')))
        {
            var close = inside.IndexOf('>', StringComparison.Ordinal);
            return close < 0 ? null : inside[(close + 1)..];
        }

        return null;
    }

    private static bool HasTopLevelAlternation(string pattern)
    {
        var depth = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\': i++; break;
                case '[': i = SkipClass(pattern, i) - 1; break;
                case '(': depth++; break;
                case ')': depth--; break;
                case '|' when depth == 0: return true;
            }
        }

        return false;
    }

    private static int SkipGroup(string pattern, int start)
    {
        var depth = 0;
        for (var i = start; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\': i++; break;
                case '[': i = SkipClass(pattern, i) - 1; break;
                case '(': depth++; break;
                case ')' when --depth == 0: return i + 1;
            }
        }

        return pattern.Length;
    }

    private static int SkipClass(string pattern, int start)
    {
        // A ']' right after '[' or '[^' is a member, not the end.
        var i = start + 1;
        if (i < pattern.Length && pattern[i] == '^')
        {
            i++;
        }

        if (i < pattern.Length && pattern[i] == ']')
        {
            i++;
        }

        for (; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\')
            {
                i++;
            }
            else if (pattern[i] == ']')
            {
                return i + 1;
            }
        }

        return pattern.Length;
    }
}

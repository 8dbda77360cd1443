using System.Text;

namespace Engagement.Grains.Classification.UserAgents;

/// <summary>
/// Text that every match of a regular expression must contain, found conservatively (none when in doubt): either
/// one piece of plain text, or, for an alternation, one piece per alternative of which a match contains at least one.
/// A user agent containing none of it cannot match, so the rule is skipped without running the regex: uap-core tries
/// hundreds of rules in order, and this turns an unseen agent's parse from milliseconds into microseconds.
/// </summary>
public static class RequiredLiteral
{
    private const int Shortest = 2;

    /// <summary>Any-of texts; null when the pattern guarantees none.</summary>
    public static IReadOnlyList<string>? Of(string pattern)
    {
        var alternatives = TopLevelAlternatives(pattern);
        if (alternatives.Count == 1)
        {
            return InSequence(pattern);
        }

        var all = new List<string>();
        foreach (var alternative in alternatives)
        {
            if (InSequence(alternative) is not { } texts)
            {
                return null;
            }

            all.AddRange(texts);
        }

        return all;
    }

    // The longest plain text outside groups, or else the any-of texts of a required group, whichever is stronger.
    private static IReadOnlyList<string>? InSequence(string pattern)
    {
        var best = "";
        IReadOnlyList<string>? fromGroup = null;
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
                if (required && GroupContent(pattern, i, next) is { } content && Of(content) is { } inner && Stronger(inner, fromGroup))
                {
                    fromGroup = inner;
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
        if (best.Length >= Shortest && (fromGroup is null || best.Length >= fromGroup.Min(t => t.Length)))
        {
            return [best];
        }

        return fromGroup;
    }

    // Fewer, longer texts filter better.
    private static bool Stronger(IReadOnlyList<string> candidate, IReadOnlyList<string>? current) =>
        candidate.All(t => t.Length >= Shortest)
        && (current is null || candidate.Min(t => t.Length) > current.Min(t => t.Length));

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

    private static List<string> TopLevelAlternatives(string pattern)
    {
        var alternatives = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\': i++; break;
                case '[': i = SkipClass(pattern, i) - 1; break;
                case '(': depth++; break;
                case ')': depth--; break;
                case '|' when depth == 0:
                    alternatives.Add(pattern[start..i]);
                    start = i + 1;
                    break;
            }
        }

        alternatives.Add(pattern[start..]);
        return alternatives;
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

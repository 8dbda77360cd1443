using System.Buffers;
using System.Text.RegularExpressions;

namespace Engagement.Grains.Classification.UserAgents;

/// <summary>
/// A regular expression that first checks, in one vectorised search, for the text every match must contain
/// (<see cref="RequiredLiteral"/>), and runs only when it is there. A run that exceeds its time limit on a hostile
/// user agent counts as no match.
/// </summary>
public sealed class GuardedRegex
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);

    private readonly Regex regex;
    private readonly SearchValues<string>? required;

    public GuardedRegex(string pattern, bool ignoreCase = false)
    {
        ignoreCase |= pattern.Contains("(?i", StringComparison.Ordinal);
        regex = new Regex(pattern, RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None), MatchTimeout);
        required = RequiredLiteral.Of(pattern) is { } texts
            ? SearchValues.Create([.. texts.Distinct()], ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)
            : null;
    }

    public bool IsMatch(string input) => CanMatch(input) && Run(() => regex.IsMatch(input), false);

    public Match Match(string input) => CanMatch(input) ? Run(() => regex.Match(input), System.Text.RegularExpressions.Match.Empty) : System.Text.RegularExpressions.Match.Empty;

    private bool CanMatch(string input) => required is null || input.AsSpan().IndexOfAny(required) >= 0;

    private static T Run<T>(Func<T> match, T otherwise)
    {
        try
        {
            return match();
        }
        catch (RegexMatchTimeoutException)
        {
            return otherwise;
        }
    }
}

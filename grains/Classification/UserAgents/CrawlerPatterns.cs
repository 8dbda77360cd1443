using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Engagement.Grains.Classification.UserAgents;

/// <summary>
/// crawler-user-agents' pattern list. Almost all of its patterns are plain text, so those are searched together in one
/// pass (SearchValues' multi-string search); only the few real regular expressions are tried one by one.
/// </summary>
public sealed partial class CrawlerPatterns
{
    private readonly SearchValues<string> literals;
    private readonly GuardedRegex[] expressions;

    private CrawlerPatterns(SearchValues<string> literals, GuardedRegex[] expressions)
    {
        this.literals = literals;
        this.expressions = expressions;
    }

    public static CrawlerPatterns Load(string crawlerUserAgentsJson)
    {
        using var document = JsonDocument.Parse(crawlerUserAgentsJson);
        var literal = new List<string>();
        var expressions = new List<GuardedRegex>();
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            var pattern = entry.GetProperty("pattern").GetString()!;
            if (PlainText().IsMatch(pattern))
            {
                literal.Add(Regex.Unescape(pattern));
            }
            else
            {
                expressions.Add(new GuardedRegex(pattern));
            }
        }

        return new CrawlerPatterns(SearchValues.Create([.. literal.Distinct()], StringComparison.Ordinal), [.. expressions]);
    }

    public bool Matches(string userAgent) =>
        userAgent.AsSpan().IndexOfAny(literals) >= 0 || expressions.Any(e => e.IsMatch(userAgent));

    // Text with no regex syntax except escaped punctuation ("Googlebot\/", "Mediapartners-Google").
    [GeneratedRegex(@"^(?:[^\\\[\](){}.*+?^$|]|\\[/\-. ()])*$")]
    private static partial Regex PlainText();
}

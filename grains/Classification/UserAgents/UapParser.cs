using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

namespace Engagement.Grains.Classification.UserAgents;

/// <summary>
/// uap-core's regexes.yaml: the first matching rule of each list names the user agent's family and its operating
/// system, with `$n` in a replacement standing for the rule's n-th group. A rule whose required text is absent is
/// skipped without running its regex, and a regex that runs too long on a hostile agent counts as no match. The
/// device list is not used: device type comes from the operating system and the agent's own tokens, which is all
/// `desktop`/`mobile`/`tablet` needs.
/// </summary>
public sealed class UapParser
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);

    private readonly UapRule[] agents;
    private readonly UapRule[] systems;

    private UapParser(UapRule[] agents, UapRule[] systems)
    {
        this.agents = agents;
        this.systems = systems;
    }

    public int RuleCount => agents.Length + systems.Length;

    public static UapParser Load(string regexesYaml)
    {
        var lists = new DeserializerBuilder().IgnoreUnmatchedProperties().Build()
            .Deserialize<Dictionary<string, List<Dictionary<string, string>>>>(regexesYaml);
        return new UapParser(
            Rules(lists, "user_agent_parsers", "family_replacement"),
            Rules(lists, "os_parsers", "os_replacement"));
    }

    public UapResult Parse(string userAgent) => new(Family(agents, userAgent), Family(systems, userAgent));

    private static string? Family(UapRule[] rules, string userAgent)
    {
        foreach (var rule in rules)
        {
            if (rule.Literal is not null && !userAgent.Contains(rule.Literal, rule.Comparison))
            {
                continue;
            }

            Match match;
            try
            {
                match = rule.Pattern.Match(userAgent);
            }
            catch (RegexMatchTimeoutException)
            {
                continue;
            }

            if (match.Success)
            {
                var family = rule.Replacement is null
                    ? match.Groups.Count > 1 ? match.Groups[1].Value : null
                    : Substitute(rule.Replacement, match);
                return string.IsNullOrWhiteSpace(family) ? null : family.Trim();
            }
        }

        return null;
    }

    private static string Substitute(string replacement, Match match)
    {
        if (!replacement.Contains('$', StringComparison.Ordinal))
        {
            return replacement;
        }

        for (var group = 1; group <= 9; group++)
        {
            replacement = replacement.Replace("$" + group, group < match.Groups.Count ? match.Groups[group].Value : "", StringComparison.Ordinal);
        }

        return replacement;
    }

    private static UapRule[] Rules(Dictionary<string, List<Dictionary<string, string>>> lists, string name, string replacementKey) =>
        [.. (lists.GetValueOrDefault(name) ?? []).Select(rule =>
        {
            var pattern = rule["regex"];
            var ignoreCase = rule.GetValueOrDefault("regex_flag") == "i" || pattern.Contains("(?i", StringComparison.Ordinal);
            return new UapRule(
                new Regex(pattern, RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None), MatchTimeout),
                rule.GetValueOrDefault(replacementKey),
                RequiredLiteral.Of(pattern),
                ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        })];

    private sealed record UapRule(Regex Pattern, string? Replacement, string? Literal, StringComparison Comparison);
}
